#!/usr/bin/env bash
# Run every test, as CI does: install what the tests need, check lint, format and types, start a
# throwaway local Neo4j on its own ports and folder (never your own server or data), run pytest,
# stop the server.
# Extra arguments go to pytest, e.g.  bash scripts/test.sh tests/unit -k parse
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== installing policygraph with its test dependencies"
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -e '.[test]'

# Lint, format and types first: a failure here fails the run before anything slow starts.
echo "== ruff check, ruff format --check, mypy (scripts/typecheck.py)"
python3 -m ruff check .
python3 -m ruff format --check .
python3 scripts/typecheck.py

if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi wenquanyi; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing Chromium and a Chinese font (Debian packages) for the browser tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
  else
    echo "warning: no chromium; browser tests will be skipped (apt-get install chromium)" >&2
  fi
fi

if ! command -v soffice >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing LibreOffice Calc and Writer (Debian packages) for the ledger tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      libreoffice-calc libreoffice-writer >/dev/null
  else
    echo "warning: no LibreOffice; ledger tests that open files in it will be skipped" >&2
  fi
fi

export NEO4J_URI="bolt://127.0.0.1:${POLICYGRAPH_TEST_BOLT_PORT:-17687}"
export NEO4J_USERNAME=neo4j
unset NEO4J_PASSWORD NEO4J_DATABASE
neo4j_home="$(mktemp -d -t policygraph-test-neo4j.XXXXXX)"
cleanup() {
  policygraph neo4j stop --home "$neo4j_home" >/dev/null 2>&1 || true
  rm -rf "$neo4j_home"
}
trap cleanup EXIT
echo "== starting a test Neo4j at $NEO4J_URI (first run builds it with Maven)"
if ! policygraph neo4j start --home "$neo4j_home" \
    --bolt-port "${POLICYGRAPH_TEST_BOLT_PORT:-17687}" \
    --http-port "${POLICYGRAPH_TEST_HTTP_PORT:-17474}"; then
  echo "warning: Neo4j did not start; Neo4j tests will be skipped (fail under CI)" >&2
fi
export POLICYGRAPH_TEST_HTTP_URL="http://127.0.0.1:${POLICYGRAPH_TEST_HTTP_PORT:-17474}"

require=()
if [ -n "${CI:-}" ]; then
  require=(--require-neo4j --require-browser --require-office)
fi
echo "== running the tests"
python3 -m pytest "${require[@]}" "$@"
