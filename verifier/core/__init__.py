"""Layer 1, audio in, verdict out: does this clip say what its transcript says?

ASR engine and weights (`asr`, `weights`), voice activity (`vad`), free
decoding (`decoding`), word matching and WER (`words`), normalisation
(`normalize`), languages (`language`, `drift`), word timing (`timing`), the
evidence of one clip (`evidence`), the decision over it (`decision`), and the
public API (`verify`).

Rule: imports only `verifier.schema`; knows nothing of realtime sessions,
run directories or reports.
"""
