import type { Template } from '../kit';
import { customerSuccessAssistant } from './assistant';
import { customerSuccessAssistantApprovals } from './assistant-approval';
import { customerHealthDashboard } from './dashboard';
import { inactiveToCs } from './inactive-to-cs';
import { stateAlertsSlack } from './state-alerts-slack';
import { triggerHealthCheck } from './trigger-health-check';
import { versionBehindEmail } from './version-behind-email';
import { weeklyExportToWarehouse } from './weekly-export-to-warehouse';

/** Health routing that writes to no CRM: email, Slack, the warehouse, the dashboard and the assistants. */
export const HEALTH_TEMPLATES: Template[] = [
	customerHealthDashboard,
	customerSuccessAssistant,
	customerSuccessAssistantApprovals,
	versionBehindEmail,
	stateAlertsSlack,
	inactiveToCs,
	weeklyExportToWarehouse,
	triggerHealthCheck,
];
