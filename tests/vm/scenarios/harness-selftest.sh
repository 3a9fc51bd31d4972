# Guest half of the harness self-test: take a screen dump, then crash the
# kernel on purpose.  The harness must report the scenario as failed.
screendump before-crash && pass "screendump"
echo c >/proc/sysrq-trigger
