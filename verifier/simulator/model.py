"""The simulated model: deterministic replies to text prompts.

It repeats the user's text, or translates it when a phrasebook entry exists
(the user reports come from a translation app: Spanish in, English out). Every
phrasebook sentence also carries its rendering in the other language, which is
what `language_drift` speaks instead of the transcript's words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

#: (English, Spanish) sentence pairs. Covers the user reports and corpora/demo.jsonl.
PHRASES: list[tuple[str, str]] = [
    # user report: audio-transcript-mismatch.txt
    ("I'm checking.", "Lo estoy comprobando."),
    ("Yes, I found it.", "Sí, lo encontré."),
    ("Lowering it to minimum.", "Bajándolo al mínimo."),
    ("Okay, much better.", "Vale, mucho mejor."),
    ("Now I can barely hear myself.", "Ahora apenas me oigo."),
    ("One moment, brief pause.", "Un momento, breve pausa."),
    ("Yeah, you're right, it's turned off.", "Sí, tienes razón, está apagado."),
    ("I didn't know that existed.", "No sabía que eso existía."),
    (
        "Exactly, it used to work automatically before, but since the last update "
        "I have to press the translate button each time.",
        "Exacto, antes funcionaba automáticamente, pero desde la última actualización "
        "tengo que pulsar el botón de traducir cada vez.",
    ),
    ("Please send it to soporte @ miempresa.com.", "Envíalo por favor a soporte @ miempresa.com."),
    ("That's the best one.", "Esa es la mejor."),
    # corpora/demo.jsonl: a support desk
    ("Thank you for calling the help desk.", "Gracias por llamar al servicio de ayuda."),
    ("Your ticket number is four five two.", "Su número de incidencia es cuatro cinco dos."),
    ("Please restart the router and wait one minute.", "Por favor, reinicie el router y espere un minuto."),
    ("The printer on the second floor is out of paper.", "La impresora de la segunda planta no tiene papel."),
    ("I have reset your password.", "He restablecido su contraseña."),
    ("You will receive an email in a few minutes.", "Recibirá un correo en unos minutos."),
    (
        "Can you tell me the serial number on the back of the device?",
        "¿Puede decirme el número de serie que aparece en la parte trasera del dispositivo?",
    ),
    ("The update will finish in about ten minutes.", "La actualización terminará en unos diez minutos."),
    ("Your order was shipped yesterday.", "Su pedido se envió ayer."),
    ("It should arrive on Friday.", "Debería llegar el viernes."),
    ("I'm sorry for the wait.", "Siento la espera."),
    ("A technician will call you back this afternoon.", "Un técnico le devolverá la llamada esta tarde."),
    ("Is there anything else I can help you with?", "¿Hay algo más en lo que pueda ayudarle?"),
    ("The meeting room is booked until noon.", "La sala de reuniones está reservada hasta el mediodía."),
    ("Please plug the headset into the blue port.", "Por favor, conecte los auriculares al puerto azul."),
    ("Hello! How can I help you today?", "¡Hola! ¿En qué puedo ayudarle hoy?"),
]

#: First words the model slips into Spanish ("Exacto, it used to work ...").
#: Only discourse markers: that is what the reports show switching. A swapped
#: function word ("Su" for "Your") lasts one syllable, too short for any ASR
#: to name its language, so it would test guesswork rather than the verifier.
FIRST_WORDS: dict[str, str] = {
    "exactly": "Exacto",
    "yes": "Sí",
    "yeah": "Sí",
    "okay": "Vale",
    "ok": "Vale",
    "please": "Por favor",
    "thanks": "Gracias",
    "thank you": "Gracias",
    "sorry": "Perdón",
    "hello": "Hola",
    "now": "Ahora",
    "perfect": "Perfecto",
    "great": "Genial",
    "of course": "Claro",
    "sure": "Claro",
    "good": "Bien",
    "well": "Bueno",
    "one moment": "Un momento",
}

#: Spoken instead of a sentence that has no Spanish rendering.
FALLBACK_SPANISH = "Lo siento, ahora mismo no puedo ayudarle con eso."

_SPANISH_HINT = re.compile(r"[ñ¿¡áéíóú]|\b(el|la|los|las|que|por|para|está|usted|gracias|hola)\b", re.I)
_TARGET_ES = re.compile(r"\b(?:into|to|in)\s+spanish\b|\ben español\b", re.I)
_LEAD_IN = re.compile(
    r"^\s*(?:please\s+)?(?:say|repeat|read(?:\s+out)?|translate(?:\s+this)?"
    r"(?:\s+(?:into|to)\s+(?P<lang>english|spanish))?)\s*:\s*",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


def normalize(text: str) -> str:
    """Case-, accent-width- and apostrophe-insensitive key for phrase lookups."""
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip().lower()


_EN: dict[str, tuple[str, str]] = {}
_ES: dict[str, tuple[str, str]] = {}


def add_phrases(pairs: Iterable[tuple[str, str]]) -> None:
    """Teach the model more (English, Spanish) sentence pairs."""
    for en, es in pairs:
        _EN[normalize(en)] = (en, es)
        _ES[normalize(es)] = (en, es)


add_phrases(PHRASES)


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]


def guess_language(text: str) -> str:
    return "es" if _SPANISH_HINT.search(text) else "en"


@dataclass(frozen=True)
class Sentence:
    text: str
    language: str
    #: The same sentence in the other language, when the phrasebook knows it.
    alt_text: str | None = None
    alt_language: str | None = None


@dataclass(frozen=True)
class Reply:
    sentences: tuple[Sentence, ...]
    language: str

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


def _sentence(raw: str, target: str | None) -> Sentence:
    key = normalize(raw)
    pair = _EN.get(key) or _ES.get(key)
    if pair is None:
        lang = guess_language(raw)
        return Sentence(raw, lang)
    en, es = pair
    source = "es" if key in _ES and key not in _EN else "en"
    # A known Spanish sentence with no explicit target is a translation request
    # (the reports' app translates Spanish speech into English).
    lang = target or ("en" if source == "es" else source)
    if lang == "es":
        return Sentence(es, "es", en, "en")
    return Sentence(en, "en", es, "es")


def respond(prompt: str, instructions: str = "") -> Reply:
    """The model's answer to a user prompt under the given instructions."""
    target: str | None = "es" if _TARGET_ES.search(instructions or "") else None
    text = prompt or ""
    lead = _LEAD_IN.match(text)
    if lead:
        text = text[lead.end() :]
        if lead.group("lang"):
            target = "es" if lead.group("lang").lower() == "spanish" else "en"
    raw = split_sentences(text) or ["Hello! How can I help you today?"]
    sentences = tuple(_sentence(s, target) for s in raw)
    return Reply(sentences, sentences[0].language)


def first_word_swap(sentence: Sentence) -> tuple[str, str, str] | None:
    """("Exacto,", "it used to work ...", "Exactly,") when the opening words have a rendering."""
    if sentence.language != "en":
        return None
    words = sentence.text.split()
    for n in (2, 1):
        if len(words) <= n:
            continue
        head = " ".join(words[:n])
        bare = normalize(head).rstrip(",.!?;:")
        if bare in FIRST_WORDS:
            punct = head[len(head.rstrip(",.!?;:")) :]
            return FIRST_WORDS[bare] + punct, " ".join(words[n:]), head
    return None
