#!/bin/sh
# Runs the date-sensitive suites with the machine clock set, through libfaketime, to the two instants
# that used to break them: Sunday 23:30 and Monday 00:30 in the demo clinic's zone (Los Angeles),
# when the UTC date is already Monday. Node, the server it starts and chromium all inherit LD_PRELOAD,
# so all three see the same faked clock (which still advances from the given instant).
#
#   npm run test:clock                       # the default suites below
#   npm run test:clock -- e2e/admin.test.ts  # other files
#
# Needs libfaketime (apt-get install libfaketime). The web app must be built (npm run build:web).
set -eu
LIB="${FAKETIME_LIB:-/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1}"
if [ ! -f "$LIB" ]; then
  echo "test:clock needs libfaketime ($LIB missing): apt-get install libfaketime" >&2
  exit 1
fi
if [ "$#" -eq 0 ]; then
  set -- packages/server/src/modules/availability packages/server/src/modules/booking \
    packages/server/src/modules/calendar packages/server/src/modules/notices e2e/booking.test.ts e2e/day-list.test.ts \
    e2e/admin.test.ts e2e/care.test.ts e2e/progress.test.ts
fi
# Given in UTC (TZ=UTC below) so the instants do not depend on the machine's zone:
# 2026-12-13 is a Sunday; Los Angeles is UTC-8 in December.
for at in '2026-12-14 07:30:00|Sunday 23:30 in Los Angeles' '2026-12-14 08:30:00|Monday 00:30 in Los Angeles'; do
  instant="${at%%|*}"
  echo "=== clock at ${at#*|} (${instant} UTC) ==="
  # Vitest runs each file in turn (one fork) so the faked clock is the only difference from a normal run.
  TZ=UTC LD_PRELOAD="$LIB" FAKETIME="@${instant}" \
    npx vitest run --no-file-parallelism "$@"
done
