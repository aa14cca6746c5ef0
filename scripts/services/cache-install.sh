#!/usr/bin/env bash
# Sourced by the ensure-*.sh scripts that cache a tool from the npm registry outside the repo
# (~/.cache/n8n-nodes-replicated, keyed by version). Needs log() defined by the caller.

install_into() { # <final dir> <label> <command...>: runs the command in a temp dir, then renames it
  local final=$1 label=$2; shift 2
  [ -f "$final/.complete" ] && { log "$label: cached at $final"; return; }
  local tmp="$final.partial.$$"
  # An interrupted or failed earlier install leaves its own .partial.<pid>: clear those first.
  rm -rf "$final".partial.*; mkdir -p "$tmp"
  log "$label: installing into $final (first run only)"
  local t0=$SECONDS
  # npm is quiet for minutes on the n8n install: show that it is alive and growing.
  (while sleep 20; do log "$label: still installing, $((SECONDS - t0)) s, $(du -sm "$tmp" 2>/dev/null | cut -f1) MB so far"; done) &
  local ticker=$!
  # stdout carries only the final assignments (callers eval it), so npm's output goes to stderr.
  (cd "$tmp" && echo '{"name":"cache","private":true}' > package.json && "$@") >&2 || { kill "$ticker"; exit 1; }
  kill "$ticker" 2>/dev/null || true
  touch "$tmp/.complete"
  rm -rf "$final"; mv "$tmp" "$final"
  log "$label: done in $((SECONDS - t0)) s"
}
