"""Development material for the one-word code switch: a second dev table, beside texts.py.

The dev table (texts.py) has four texts with a head word to switch and none with a
word to switch mid-sentence, so the fault our users reported most ("Exacto, it
used to work..." for "Exactly, ...") could be developed on 25 clips, and the
mid-sentence switch (`switch_word`) only measured on the third sealed set. These
texts give both on the dev voices: every text has an English `head` word with its
Spanish or French equivalent, or a `word` said in the other language
mid-sentence, or both, and the table asks for half faithful clips and half
one-word switches (`label_share`, `kind_weight`), so that the same texts are
said faithfully as often as switched: a statistic must tell the switch from the
text, not learn which texts are switched.

No head or word here is one that a sealed table switches; a sealed table written
after this one must not switch these either. This is development material: its
clips are fitted on and looked at, like texts.py's (`make heldout-corpus` makes
both; the bench judges them together, leave one engine out).
"""

from __future__ import annotations

from corpora.heldout.texts import Table, Text

T = Text
TEXTS: tuple[Text, ...] = (
    T(
        "brilliant_order",
        "short_reply",
        "en",
        ("Brilliant, your order is on its way.",),
        head=("Brilliant", "Estupendo", "es"),
        word=("order", "pedido", "es"),
    ),
    T(
        "listen_flight",
        "short_reply",
        "en",
        ("Listen, the flight to Lyon is delayed by an hour.",),
        head=("Listen", "Écoutez", "fr"),
        word=("flight", "vol", "fr"),
    ),
    T(
        "naturally_refund",
        "short_reply",
        "en",
        ("Naturally, the refund goes back to your card.",),
        head=("Naturally", "Naturalmente", "es"),
        word=("refund", "reembolso", "es"),
    ),
    T(
        "precisely_invoice",
        "short_reply",
        "en",
        ("Precisely, the invoice was sent on the second of May.",),
        head=("Precisely", "Précisément", "fr"),
        word=("invoice", "facture", "fr"),
    ),
    T(
        "careful_password",
        "short_reply",
        "en",
        ("Careful, your new password must have twelve characters.",),
        head=("Careful", "Cuidado", "es"),
        word=("password", "contraseña", "es"),
    ),
    T(
        "agreed_delivery",
        "short_reply",
        "en",
        ("Agreed, the delivery will come between nine and noon.",),
        head=("Agreed", "Entendu", "fr"),
        word=("delivery", "livraison", "fr"),
    ),
    T(
        "obviously_account",
        "short_reply",
        "en",
        ("Obviously, your account stays open while we check.",),
        head=("Obviously", "Évidemment", "fr"),
        word=("account", "compte", "fr"),
    ),
    T(
        "basically_price",
        "short_reply",
        "en",
        ("Basically, the price includes tax and shipping.",),
        head=("Basically", "Básicamente", "es"),
        word=("price", "precio", "es"),
    ),
    T(
        "congrats_car",
        "short_reply",
        "en",
        ("Congratulations, your car is ready for pickup.",),
        head=("Congratulations", "Felicidades", "es"),
        word=("car", "coche", "es"),
    ),
    T(
        "really_street",
        "short_reply",
        "en",
        ("Really, the office moved to the next street last year.",),
        head=("Really", "Vraiment", "fr"),
        word=("street", "rue", "fr"),
    ),
    T(
        "goodbye_week",
        "short_reply",
        "en",
        ("Goodbye, and have a good week.",),
        head=("Goodbye", "Adiós", "es"),
        word=("week", "semana", "es"),
    ),
    T(
        "attention_window",
        "short_reply",
        "en",
        ("Attention, the ticket window closes at six tonight.",),
        head=("Attention", "Atención", "es"),
        word=("window", "ventana", "es"),
    ),
    # a word mid-sentence only: the head is not one a reply would switch alone
    T(
        "form_desk",
        "short_reply",
        "en",
        ("You can pick up the form at the front desk after two.",),
        word=("form", "formulario", "es"),
    ),
    T(
        "bag_counter",
        "short_reply",
        "en",
        ("Please leave your bag at the counter before you go in.",),
        word=("bag", "sac", "fr"),
    ),
    T(
        "doctor_monday",
        "short_reply",
        "en",
        ("The doctor can see you on Monday at ten.",),
        word=("doctor", "médecin", "fr"),
    ),
    T(
        "box_porch",
        "short_reply",
        "en",
        ("We left the box on your porch at noon.",),
        word=("box", "caja", "es"),
    ),
    T(
        "phone_number",
        "short_reply",
        "en",
        ("Your phone number ends in eighty one.",),
        word=("phone", "téléphone", "fr"),
    ),
    T(
        "shoes_size",
        "short_reply",
        "en",
        ("The shoes you ordered come in size nine.",),
        word=("shoes", "chaussures", "fr"),
    ),
    T(
        "morning_call",
        "long_reply",
        "en",
        ("I have noted your request.", "A technician will call you tomorrow morning to confirm the visit."),
        word=("morning", "matin", "fr"),
    ),
    T(
        "bread_bakery",
        "short_reply",
        "en",
        ("Fresh bread is ready every day at seven.",),
        word=("bread", "pan", "es"),
    ),
    T(
        "suitcase_belt",
        "short_reply",
        "en",
        ("Your suitcase will arrive on belt number four.",),
        word=("suitcase", "valise", "fr"),
    ),
    T(
        "appointment_friday",
        "short_reply",
        "en",
        ("Your appointment is confirmed for Friday afternoon.",),
        word=("appointment", "cita", "es"),
    ),
    # a head word only
    T(
        "confirmed_seat",
        "short_reply",
        "en",
        ("Confirmed, your seat is booked.",),
        head=("Confirmed", "Confirmado", "es"),
    ),
    T("wait_check", "short_reply", "en", ("Wait, let me check that for you.",), head=("Wait", "Attendez", "fr")),
)

#: Extra sentences a fault would add; this table makes only one-word switches, so none is used.
EXTRA: dict[str, tuple[str, ...]] = {"en": (), "es": (), "fr": ()}

#: half faithful, half one-word switches (the kinds this table has material for)
LABEL_SHARE: dict[str, float] = {"match": 0.5, "language_drift": 0.5}
KIND_WEIGHT: dict[str, int] = {"switch_head_word": 1, "switch_word": 1}

DEV_SWITCH = Table("dev_switch", TEXTS, EXTRA, LABEL_SHARE, KIND_WEIGHT)
