"""Layer 2, running the job: play a corpus or score a manifest, collect, verify, record.

Corpus and manifest readers (`corpus`, `manifest`), run configuration and the
runner (`runner`), one worker per realtime session (`worker`), background
scoring (`scorer`) and A/B experiments (`experiment`).

Rule: may import `schema`, `core`, `realtime`, `simulator` and `report`;
nothing imports the harness except the CLI.
"""
