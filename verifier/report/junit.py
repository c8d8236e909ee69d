"""JUnit XML for CI systems: one test case per response.

A `match` passes; a fault class is a <failure> (type = the class); `error`
(the pair could not be judged) is an <error>, so CI tells "the service said
the wrong thing" apart from "we could not tell".
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from verifier.report.rundata import RunData
from verifier.schema.results import VerdictClass, fails

# XML 1.0 cannot carry most control characters, even escaped; model text may.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: object) -> str:
    return _INVALID_XML.sub("\ufffd", str(text))


def junit_xml(run: RunData, *, suite_name: str | None = None) -> bytes:
    name = suite_name or f"verifier.{run.config_name or run.run_id}"
    failures = sum(1 for v in run.verdicts if fails(v) and v != VerdictClass.ERROR.value)
    errors = sum(1 for v in run.verdicts if v == VerdictClass.ERROR.value)
    skipped = sum(1 for v in run.verdicts if v == VerdictClass.NOT_APPLICABLE.value)
    total_time = sum(r.verdict.audio_seconds or 0.0 for r in run.rows)
    suites = ET.Element(
        "testsuites", name="verifier", tests=str(len(run.rows)), failures=str(failures), errors=str(errors)
    )
    suite = ET.SubElement(
        suites,
        "testsuite",
        name=_clean(name),
        tests=str(len(run.rows)),
        failures=str(failures),
        errors=str(errors),
        skipped=str(skipped),
        time=f"{total_time:.3f}",
    )
    for row in run.rows:
        v = row.verdict
        case = ET.SubElement(
            suite,
            "testcase",
            classname=_clean(f"{name}.{row.prompt_id or 'prompt'}"),
            name=_clean(row.response_id),
            time=f"{v.audio_seconds or 0.0:.3f}",
        )
        if v.verdict == VerdictClass.MATCH.value:
            continue
        if v.verdict == VerdictClass.NOT_APPLICABLE.value:  # nothing to verify: neither passed nor failed
            ET.SubElement(case, "skipped", message=_clean(v.explanation or v.meta.scope or v.verdict))
            continue
        tag = "error" if v.verdict == VerdictClass.ERROR.value else "failure"
        message = v.explanation or v.error or v.verdict
        el = ET.SubElement(case, tag, type=_clean(v.verdict), message=_clean(message))
        lines = [
            f"verdict: {v.verdict}",
            f"flags: {', '.join(v.flags)}",
            f"explanation: {v.explanation}",
            f"transcript: {v.transcript}",
            f"heard: {v.asr_text}",
        ]
        if v.missing_words:
            lines.append(f"missing words: {' '.join(v.missing_words)}")
        if v.extra_words:
            lines.append(f"extra words: {' '.join(v.extra_words)}")
        if v.divergence_at is not None:
            lines.append(f"divergence at: {v.divergence_at:.2f} s")
        if v.error:
            lines.append(f"error: {v.error}")
        el.text = _clean("\n".join(lines))
    ET.indent(suites)
    return ET.tostring(suites, encoding="utf-8", xml_declaration=True)


def write_junit(run: RunData, path: Path) -> Path:
    path.write_bytes(junit_xml(run))
    return path
