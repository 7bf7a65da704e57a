# Benchmark target; include from the top-level Makefile with `include bench/bench.mk`.
#   make bench                       # N = 1000 10000, RUNS = 3; writes BENCHMARKS.md
#   make bench N=1000 RUNS=1         # quick
#   make bench-corpus N=1000         # just generate and check a corpus under bench/out/
N ?= 1000 10000
RUNS ?= 3
SEED ?= 42

.PHONY: bench bench-corpus

bench:
	N="$(N)" RUNS="$(RUNS)" SEED="$(SEED)" BENCH_CMD='make bench N="$(N)" RUNS=$(RUNS)' bash bench/run.sh

bench-corpus:
	@for n in $(N); do \
	  rm -rf bench/out/corpus-$$n && python3 bench/gen_corpus.py $$n bench/out/corpus-$$n --seed $(SEED) && \
	  python3 bench/check_corpus.py bench/out/corpus-$$n/Content || exit 1; \
	done
