#!/usr/bin/env bash
# Refresh one app's Indonesian catalogue and compile it: `scripts/messages.sh measurement`;
# `scripts/messages.sh root` refreshes the project catalogue (locale/id: core, organisations,
# demo, sakip and the shared templates).
# An app's templates live under templates/<app>/, outside the app directory, so makemessages runs
# on a scratch copy holding both (templates as tpl/); the refreshed .po comes back, keeping every
# existing translation. Lists what is still untranslated or fuzzy, then compiles the .mo.
set -euo pipefail
app="${1:?usage: scripts/messages.sh <app>}"
root="$(cd "$(dirname "$0")/.." && pwd)"
po="$root/apps/$app/locale/id/LC_MESSAGES/django.po"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
if [ "$app" = root ]; then
  po="$root/locale/id/LC_MESSAGES/django.po"
  mkdir -p "$scratch/$app/tpl"
  for part in core organisations demo; do cp -r "$root/apps/$part" "$scratch/$app/$part"; done
  cp -r "$root/sakip" "$scratch/$app/sakip"
  # The shared templates: everything under templates/ that is not an app's own folder.
  for entry in "$root"/templates/*; do
    name="$(basename "$entry")"
    if [ -d "$root/apps/$name/locale" ]; then continue; fi
    cp -r "$entry" "$scratch/$app/tpl/$name"
  done
  find "$scratch/$app" -name migrations -type d -prune -exec rm -rf {} +
  mkdir -p "$scratch/$app/locale/id/LC_MESSAGES"
  cp "$po" "$scratch/$app/locale/id/LC_MESSAGES/"
else
  cp -r "$root/apps/$app" "$scratch/$app"
  rm -rf "$scratch/$app/migrations"
  if [ -d "$root/templates/$app" ]; then cp -r "$root/templates/$app" "$scratch/$app/tpl"; fi
fi
mkdir -p "$(dirname "$po")"
(
  cd "$scratch/$app"
  SECRET_KEY=messages DEBUG=true DJANGO_SETTINGS_MODULE=sakip.settings PYTHONPATH="$root" \
    "$root/.venv/bin/python" "$root/manage.py" makemessages -l id --no-obsolete >/dev/null
)
cp "$scratch/$app/locale/id/LC_MESSAGES/django.po" "$po"
untranslated="$(msgattrib --untranslated --no-location "$po" | grep -c '^msgid' || true)"
fuzzy="$(msgattrib --only-fuzzy --no-location "$po" | grep -c '^msgid' || true)"
# The header entry counts once in each list.
echo "$app: $((untranslated > 0 ? untranslated - 1 : 0)) untranslated, $((fuzzy > 0 ? fuzzy - 1 : 0)) fuzzy (fuzzy entries are not used until checked)"
msgfmt --check -o "${po%.po}.mo" "$po"
