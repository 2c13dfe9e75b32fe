#!/usr/bin/env bash
# Refresh one app's Indonesian catalogue and compile it: `scripts/messages.sh measurement`.
# An app's templates live under templates/<app>/, outside the app directory, so makemessages runs
# on a scratch copy holding both (templates as tpl/); the refreshed .po comes back, keeping every
# existing translation. Lists what is still untranslated or fuzzy, then compiles the .mo.
set -euo pipefail
app="${1:?usage: scripts/messages.sh <app>}"
root="$(cd "$(dirname "$0")/.." && pwd)"
po="$root/apps/$app/locale/id/LC_MESSAGES/django.po"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp -r "$root/apps/$app" "$scratch/$app"
rm -rf "$scratch/$app/migrations"
if [ -d "$root/templates/$app" ]; then cp -r "$root/templates/$app" "$scratch/$app/tpl"; fi
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
