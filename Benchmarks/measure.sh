# Shared by the benchmark scripts (sourced, not run). They set $work (scratch folder) and
# $results (the results file) before calling these.

# measure LABEL COMMAND...: runs COMMAND, then prints a line with its wall seconds, CPU seconds
# (user + sys), peak memory (MB, from GNU time) and the last line it printed, and appends it to $results.
measure() {
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" > "$work/last.log"
  read -r seconds user sys kb < "$work/time.txt"
  printf '%-48s %8.1f s wall %8.1f s CPU %8.0f MB   %s\n' "$label" "$seconds" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$((kb / 1024))" \
    "$(tail -n 1 "$work/last.log")" | tee -a "$results"
}

# prepare_store MEMBERS: a generated store of MEMBERS members (../shared/bench/gen_store.py, about 60
# ledger rows a member), imported once into $work/members-MEMBERS.sqlite; prints its path.
prepare_store() {
  local members=$1 data=$work/store-$1 store=$work/members-$1.sqlite
  [ -f "$data/ledger.csv" ] || python3 ../shared/bench/gen_store.py "$members" "$data" >/dev/null
  [ -f "$store" ] || "$bin" import --store "$store" --members "$data/members.csv" --ledger "$data/ledger.csv" >/dev/null
  echo "$store"
}
