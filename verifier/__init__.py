"""verifier: prove whether a realtime speech API's audio says what its own transcript says.

from verifier import verify, Verifier, VerifyItem
"""

from __future__ import annotations

__version__ = "0.1.0"

# Heavy ASR libraries load lazily (on first verification), so this import stays cheap.
# The function `verify` deliberately shadows the submodule of the same name.
from verifier.core.verify import Verifier, VerifyItem, verify

__all__ = ["verify", "Verifier", "VerifyItem", "__version__"]
