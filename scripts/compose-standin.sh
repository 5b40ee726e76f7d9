#!/usr/bin/env bash
# The self-hosting path of compose.yaml, run for real with podman and no registry (not in CI:
# it takes a few minutes). Run as root from the project root:  scripts/compose-standin.sh
#
#  1. builds the project image with ../shared/tools/docker-smoke.sh (a debootstrap'd Debian
#     rootfs stands in for python:3.11-slim) and a stand-in for the chromadb/chroma image: the
#     chromadb release locked in uv.lock, from PyPI, with nothing on PATH but `chroma` and bash
#     (scripts/chroma-standin/Containerfile);
#  2. shows that the old curl health check cannot run in it, and runs compose.yaml's own
#     health-check command in it (podman healthcheck and podman exec);
#  3. starts a long-lived `corpusbot start` (no DISCORD_TOKEN: the terminal chat, fed questions
#     through a FIFO) BEFORE Chroma, so it has to wait for the store, then starts Chroma;
#  4. ingest, ask, health and add (a page served on 127.0.0.1) as one-shot containers;
#  5. stops Chroma while the chat process runs (it reports the store as unavailable and
#     `corpusbot health` fails), starts it again, and the same process answers again;
#  6. runs compose.yaml itself with podman-compose (from PyPI) and the stand-in images: up,
#     health, ask, the ingest job, Chroma stopped and started under the bot, down
#     (STANDIN_COMPOSE=0 skips it).
# Steps 1-5 use host networking on 127.0.0.1 only; step 6 compose's own network (Chroma
# published on 127.0.0.1 only). Any failed check stops the script (exit 1).
#
# Env: STANDIN_PORT (Chroma's port, default 8000 as in compose.yaml), SMOKE_TOOL, SMOKE_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SMOKE_TOOL=${SMOKE_TOOL:-$ROOT/../shared/tools/docker-smoke.sh}
SMOKE_DIR=${SMOKE_DIR:-/var/tmp/docker-smoke}
PORT=${STANDIN_PORT:-8000}
WEB_PORT=${STANDIN_WEB_PORT:-8765}
BOT_IMAGE=localhost/corpusbot-standin:latest
CHROMA_IMAGE=localhost/chroma-standin:latest
CHROMA=chroma-standin
BOT=corpusbot-standin-chat
VOLUME=chroma-standin-data
PYTHON=$ROOT/.venv/bin/python
UV=$ROOT/.tools/bin/uv
WORK=$(mktemp -d /tmp/compose-standin.XXXXXX)
started=$(date +%s)

say() { printf '\n[compose-standin +%3ss] %s\n' "$(($(date +%s) - started))" "$*"; }
fail() { printf '\n[compose-standin] FAILED: %s\n' "$*" >&2; exit 1; }
show() { sed 's/^/    | /' "$@"; }
# wait_for SECONDS DESCRIPTION COMMAND...: retry COMMAND once a second until it succeeds.
wait_for() {
  local limit=$1 what=$2; shift 2
  local deadline=$(($(date +%s) + limit))
  until "$@" >/dev/null 2>&1; do
    (($(date +%s) < deadline)) || fail "no $what within $limit s"
    sleep 1
  done
}

[ "$(id -u)" = 0 ] || fail "run as root (podman with the vfs storage of docker-smoke.sh)"
[ -x "$PYTHON" ] && [ -x "$UV" ] || fail "run \`make deps\` first"
[ -x "$SMOKE_TOOL" ] || fail "$SMOKE_TOOL not found (set SMOKE_TOOL)"
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  fail "something already listens on 127.0.0.1:$PORT; set STANDIN_PORT"
fi

cleanup() {
  set +e  # clean up everything, whatever fails
  [ -n "${holder_pid:-}" ] && kill "$holder_pid" 2>/dev/null || true
  podman rm -f "$BOT" "$CHROMA" >/dev/null 2>&1 || true
  podman volume rm -f "$VOLUME" >/dev/null 2>&1 || true
  [ -n "${web_pid:-}" ] && kill "$web_pid" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- 1. images --------------------------------------------------------------------------------
say "building the project image with $SMOKE_TOOL (first run ~3 min)"
TAG=$BOT_IMAGE SMOKE_DIR=$SMOKE_DIR "$SMOKE_TOOL" true >"$WORK/build-bot.log" 2>&1 \
  || { tail -30 "$WORK/build-bot.log"; fail "the project image did not build"; }
grep -E '^\[docker-smoke\] built' "$WORK/build-bot.log" | show
export CONTAINERS_STORAGE_CONF="$SMOKE_DIR/storage.conf" CONTAINERS_CONF="$SMOKE_DIR/containers.conf"

version=$("$PYTHON" - <<'PY'
import re, pathlib
lock = pathlib.Path("uv.lock").read_text(encoding="utf-8")
print(re.search(r'\[\[package\]\]\nname = "chromadb"\nversion = "([^"]+)"', lock).group(1))
PY
)
compose_image=$("$PYTHON" -c 'import yaml; print(yaml.safe_load(open("compose.yaml"))["services"]["chroma"]["image"])')
say "building the Chroma stand-in for $compose_image: chromadb==$version (uv.lock) from PyPI"
mkdir -p "$WORK/chroma-context"
cp scripts/chroma-standin/Containerfile "$WORK/chroma-context/"
"$UV" export --frozen --no-dev --no-hashes --no-emit-project --quiet \
  >"$WORK/chroma-context/constraints.txt"
podman build --pull=never -f "$WORK/chroma-context/Containerfile" \
  --build-arg "CHROMADB_VERSION=$version" \
  -v /etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro \
  -t "$CHROMA_IMAGE" "$WORK/chroma-context" >"$WORK/build-chroma.log" 2>&1 \
  || { tail -30 "$WORK/build-chroma.log"; fail "the Chroma stand-in did not build"; }
podman run --rm --entrypoint bash "$CHROMA_IMAGE" -c \
  'echo "PATH=$PATH"; for c in chroma bash curl wget python python3 head grep; do
     printf "  %-8s %s\n" "$c" "$(type -P "$c" || echo "(not found)")"; done' | show

# --- 2. the health check ---------------------------------------------------------------------
# compose.yaml's test, with compose's $$ unescaped and the port this run uses. Handed to podman
# as a JSON exec array without compose's leading "CMD": podman 4.3 re-splits the arguments of a
# "CMD" array at spaces (and would break `bash -c SCRIPT`); it adds "CMD" itself.
"$PYTHON" - "$PORT" >"$WORK/healthcheck.json" <<'PY'
import json, sys, yaml
test = yaml.safe_load(open("compose.yaml"))["services"]["chroma"]["healthcheck"]["test"]
assert test[0] == "CMD", test
port = sys.argv[1]
print(json.dumps([p.replace("$$", "$").replace("127.0.0.1/8000", f"127.0.0.1/{port}") for p in test[1:]]))
PY
check_script=$("$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))[2])' "$WORK/healthcheck.json")
# compose's command for the server, on the loopback (host networking) and this run's port.
mapfile -t chroma_args < <("$PYTHON" - "$PORT" <<'PY'
import sys, yaml
args = yaml.safe_load(open("compose.yaml"))["services"]["chroma"]["command"]
args[args.index("--host") + 1] = "127.0.0.1"
args[args.index("--port") + 1] = sys.argv[1]
print("\n".join(args))
PY
)

say "the old check (curl) in the stand-in image:"
if podman run --rm --entrypoint curl "$CHROMA_IMAGE" -fsS "http://127.0.0.1:$PORT/api/v2/heartbeat" \
    >"$WORK/old-check.log" 2>&1; then
  fail "curl ran in the stand-in: it does not stand in for the real image"
fi
show "$WORK/old-check.log"

volume_dir=$WORK/corpus
mkdir -p "$volume_dir" "$WORK/bot-data"
cp corpus/*.txt "$volume_dir/"
chmod -R a+rwX "$volume_dir" "$WORK/bot-data"  # the image runs as uid 10001
bot_env=(-e CHROMA_HOST=127.0.0.1 -e "CHROMA_PORT=$PORT" -e CHROMA_TIMEOUT=5 -e CHROMA_WAIT=180
         -v "$volume_dir:/app/corpus" -v "$WORK/bot-data:/data")
# One-shot commands run in the chat's container, as `docker compose exec bot corpusbot …` does
# (a new container per command is slow with podman's vfs storage: each copies the image).
corpusbot() { podman exec "$BOT" corpusbot "$@"; }

# --- 3. the bot process first, then Chroma -----------------------------------------------------
say "starting a long-lived \`corpusbot start\` (terminal chat fed through a FIFO) before Chroma"
mkfifo "$WORK/questions"
podman run --rm -i --name "$BOT" --network host "${bot_env[@]}" "$BOT_IMAGE" corpusbot start \
  <"$WORK/questions" >"$WORK/chat.out" 2>"$WORK/chat.err" &
bot_pid=$!
# The FIFO's one long-lived writer: the chat reads EOF only when it ends. (The script itself
# holds no descriptor of it, so no container or server started later can keep it open.)
sleep 100000 >"$WORK/questions" &
holder_pid=$!
wait_for 600 "'waiting for the Chroma server' line" grep -q "waiting for the Chroma server" "$WORK/chat.err"
sleep 3
show "$WORK/chat.err"

say "starting Chroma: chroma ${chroma_args[*]} (compose's command, on the loopback)"
podman volume rm -f "$VOLUME" >/dev/null 2>&1 || true  # left by an interrupted run
podman volume create "$VOLUME" >/dev/null
podman run -d --name "$CHROMA" --network host -v "$VOLUME:/data" \
  --health-cmd "$(cat "$WORK/healthcheck.json")" --health-interval disable \
  "$CHROMA_IMAGE" "${chroma_args[@]}" >/dev/null
wait_for 600 "healthy Chroma (podman healthcheck run)" podman healthcheck run "$CHROMA"
podman inspect --format '{{json .Config.Healthcheck.Test}}' "$CHROMA" | show
printf '    | podman healthcheck run %s: exit 0, health %s\n' "$CHROMA" \
  "$(podman inspect --format '{{.State.Health.Status}}' "$CHROMA")"
podman exec "$CHROMA" bash -c "$check_script" || fail "the compose health check failed in the image"
printf '    | podman exec %s bash -c <compose.yaml test>: exit 0\n' "$CHROMA"

say "the bot process went on by itself: waited, then ingested"
wait_for 600 "start-up ingest" grep -q "Ingest finished" "$WORK/chat.err"
grep -E "waiting for|answers; going on|Ingest finished|Nothing changed" "$WORK/chat.err" | show

answer_to() {  # answer_to N: what the chat printed for its N-th question
  awk -v n="$1" '/^Q: /{c++} c==n' "$WORK/chat.out"
}
asked=0
ask_chat() {  # ask_chat QUESTION EXPECTED-TEXT: the running chat process answers with it
  asked=$((asked + 1))
  printf '%s\n' "$1" >"$WORK/questions"
  local deadline=$(($(date +%s) + 300))
  until answer_to "$asked" | grep -qF -- "$2"; do
    (($(date +%s) < deadline)) || { answer_to "$asked" | show; fail "no '$2' in the answer to '$1'"; }
    sleep 1
  done
  sleep 1  # the rest of the answer
  answer_to "$asked" | show
}

say "the chat process answers"
ask_chat "How much does the US demand?" "Sources:"

# --- 4. one-shot commands ----------------------------------------------------------------------
say "corpusbot health / ask (podman exec into the bot's container) and ingest (the compose job)"
corpusbot health | tee "$WORK/health.out" | show
grep -q '^ok: Chroma server http://127.0.0.1' "$WORK/health.out" || fail "health is not ok"
corpusbot ask "What did CHUCKMAN say about Putin?" | tee "$WORK/ask.out" | show
grep -q 'CHUCKMAN' "$WORK/ask.out" || fail "ask did not quote CHUCKMAN"
# The compose `ingest` job: a container of its own.
podman run --rm --network host "${bot_env[@]}" "$BOT_IMAGE" corpusbot ingest \
  | tee "$WORK/ingest.out" | show
grep -q 'Nothing changed' "$WORK/ingest.out" || fail "a second ingest changed something"

say "corpusbot add: a page served on 127.0.0.1:$WEB_PORT (tests/fixtures/web)"
"$PYTHON" -m http.server "$WEB_PORT" --bind 127.0.0.1 --directory tests/fixtures/web \
  >"$WORK/web.log" 2>&1 &
web_pid=$!
wait_for 10 "web server" bash -c "exec 3<>/dev/tcp/127.0.0.1/$WEB_PORT"
corpusbot add "http://127.0.0.1:$WEB_PORT/ferry_article.html" 2>&1 | tee "$WORK/add.out" | show
grep -q '3 comments' "$WORK/add.out" || fail "add did not keep the page's comments"
corpusbot add "http://127.0.0.1:$WEB_PORT/missing.html" >"$WORK/add-bad.out" 2>&1 && fail "a 404 was added"
show "$WORK/add-bad.out"
ls "$volume_dir" | show
ask_chat "What did Hamish Gunn say about the ferry fare?" "Hamish Gunn"

# --- 5. Chroma restarts under the running process --------------------------------------------
say "stopping Chroma while the chat process runs"
podman stop -t 10 "$CHROMA" >/dev/null
if corpusbot health >"$WORK/health-down.out" 2>&1; then fail "health is ok with Chroma stopped"; fi
show "$WORK/health-down.out"
ask_chat "How much does the US demand?" "The archive is unavailable right now"

say "starting Chroma again (same volume)"
podman start "$CHROMA" >/dev/null
wait_for 600 "healthy Chroma after the restart" podman healthcheck run "$CHROMA"
printf '    | podman healthcheck run %s: exit 0, health %s\n' "$CHROMA" \
  "$(podman inspect --format '{{.State.Health.Status}}' "$CHROMA")"
ask_chat "How much does the US demand?" "Sources:"
kill -0 "$bot_pid" 2>/dev/null || fail "the chat process is gone"

say "closing the chat's input: the process exits cleanly"
kill "$holder_pid"
wait "$bot_pid" || fail "the chat process exited with $?"
printf '    | exit status 0; its stderr:\n'
show "$WORK/chat.err"

# --- 6. podman-compose runs compose.yaml itself -------------------------------------------
if [ "${STANDIN_COMPOSE:-1}" = 1 ]; then
  podman rm -f "$CHROMA" >/dev/null  # frees the port for compose's own chroma service
  pc_venv=$SMOKE_DIR/podman-compose
  if [ ! -x "$pc_venv/bin/podman-compose" ]; then
    say "installing podman-compose from PyPI into $pc_venv"
    python3 -m venv "$pc_venv" && "$pc_venv/bin/pip" install --quiet "podman-compose==1.6.0"
  fi
  project=corpusbot-standin
  pc=("$pc_venv/bin/podman-compose" -p "$project" -f compose.yaml
      -f scripts/chroma-standin/compose.standin.yaml)
  export CHROMA_PORT=$PORT  # compose publishes Chroma on 127.0.0.1:$CHROMA_PORT
  # compose.yaml's images: the stand-ins under the names it uses.
  podman tag "$CHROMA_IMAGE" "docker.io/$compose_image"
  podman tag "$BOT_IMAGE" localhost/corpusbot:local
  say "podman-compose ($("${pc[0]}" --version 2>/dev/null | head -1)) up -d with compose.yaml"
  # podman 4.3 without systemd runs no health checks by itself and cannot wait for
  # `service_healthy` (podman-compose says so and starts the bot anyway: it waits for Chroma
  # by itself). This loop plays Docker's health-check scheduler.
  (while sleep 2; do podman healthcheck run "${project}_chroma_1" >/dev/null 2>&1; done) &
  scheduler_pid=$!
  trap 'set +e; kill "$scheduler_pid" 2>/dev/null; "${pc[@]}" down -v >/dev/null 2>&1; cleanup' EXIT
  "${pc[@]}" up -d >"$WORK/compose-up.log" 2>&1 || { tail -20 "$WORK/compose-up.log"; fail "up"; }
  grep -E "WARNING|condition" "$WORK/compose-up.log" | show || true
  wait_for 600 "the compose bot's start-up ingest" bash -c \
    "podman logs ${project}_bot_1 2>&1 | grep -q -E 'Ingest finished|Nothing changed'"
  podman ps --format '{{.Names}}  {{.Status}}' | show
  podman logs "${project}_bot_1" 2>&1 | grep -E "waiting for|going on|Ingest|Nothing" | show
  "${pc[@]}" exec bot corpusbot health 2>/dev/null | tee "$WORK/compose-health.out" | show
  grep -q '^ok: Chroma server http://chroma:8000 reachable' "$WORK/compose-health.out" \
    || fail "the compose bot cannot use the chroma service"
  "${pc[@]}" exec bot corpusbot ask "How much does the US demand?" >"$WORK/compose-ask.out" 2>&1
  head -3 "$WORK/compose-ask.out" | show
  "${pc[@]}" --profile tools run --rm -T ingest >"$WORK/compose-ingest.out" 2>&1 \
    || { show "$WORK/compose-ingest.out"; fail "the ingest job failed"; }
  tail -1 "$WORK/compose-ingest.out" | show
  grep -q 'Nothing changed' "$WORK/compose-ingest.out" || fail "the ingest job did not run"
  "${pc[@]}" stop chroma >/dev/null 2>&1
  "${pc[@]}" exec bot corpusbot health 2>/dev/null | show || true
  "${pc[@]}" start chroma >/dev/null 2>&1
  wait_for 300 "the compose bot to see chroma again" bash -c \
    "$(printf '%q ' "${pc[@]}") exec bot corpusbot health 2>/dev/null | grep -q '^ok'"
  "${pc[@]}" exec bot corpusbot health 2>/dev/null | show
  "${pc[@]}" down -v >/dev/null 2>&1
  kill "$scheduler_pid" 2>/dev/null || true
fi

say "PASS: compose's health check works in a curl-less image, the bot waits for Chroma, ingests," \
  "answers, adds a page, reports the outage and recovers without a restart; podman-compose" \
  "runs compose.yaml with the stand-ins"
