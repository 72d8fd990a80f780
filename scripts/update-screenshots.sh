#!/usr/bin/env bash
# Copies the screenshots the browser tests took (job-handler/target/screenshots, written by
# GuiBrowserIT, GuiEndToEndIT and PeekIT) into docs/images, on purpose: the tests themselves never
# change tracked files. Run the tests first, e.g.
#   DCF_REQUIRE=docker,browser ./mvnw -B -pl job-handler -am verify -Dtest=none \
#     -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
#     -Dit.test='GuiBrowserIT,GuiEndToEndIT,PeekIT'
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
shots=job-handler/target/screenshots
if ! compgen -G "$shots/*.png" >/dev/null; then
  echo "no screenshots in $shots: run the browser tests first" >&2
  exit 1
fi
for shot in "$shots"/*.png; do
  cp "$shot" docs/images/
  echo "docs/images/$(basename "$shot")"
done
