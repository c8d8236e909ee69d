"""The seventh sealed text table: a fifth set rich in one-word code switches, in new words.

The sixth sealed set has been judged by several calibrations since it was built, so it
is half-sealed: it can no longer say on its own whether the next decision holds on texts
nobody tuned to. These texts were written afresh, after the sixth set
(texts_sealed6.py) was measured and before any measurement of this one, in the
everyday customer-support style a voice assistant speaks, with the sixth set's
purposes, kinds and proportions and texts.py's conventions (see its docstring): one
`Text` per reply, `transcript` as the service writes it, `say` where the engine is
given another spoken form on purpose, and the fault material faults.py needs. Its
sentences, names, places and numbers are new. One-word switches are common: a `head`
word (English, and its Spanish or French equivalent) on about a quarter of the texts
and a `word` said in Spanish or French mid-sentence on about half. No head and no
switched word, English or foreign, is one that another table switches (texts.py,
texts_sealed.py, texts_sealed2.py to texts_sealed6.py, nor the dev switch table
texts_switch.py): a statistic that learnt a word cannot score it here. The table asks
the generator for the third to sixth sets' mix, about 20 % language drift, at least
half of it one word (`label_share`, `kind_weight`). None is tagged "known": the
known-pattern pass names dev texts.

Measured exactly once. Do not tune anything on clips made from this table, and
do not edit a text after that measurement: a changed text is a new text, and a new id.
"""

from __future__ import annotations

from corpora.heldout.texts import Table, Text
from corpora.heldout.texts_sealed3 import KIND_WEIGHT as SEALED3_KIND_WEIGHT
from corpora.heldout.texts_sealed3 import LABEL_SHARE as SEALED3_LABEL_SHARE

T = Text
TEXTS: tuple[Text, ...] = (
    # --- digits and number words, both ways -------------------------------------------------
    T(
        "keysafe6294",
        "numbers_other_way",
        "en",
        ("The code for the key safe by your front door is 6294.",),
        say=("The code for the key safe by your front door is six, two, nine, four.",),
        change=("changed_number", ("The code for the key safe by your front door is six, two, nine, seven.",)),
        word=("door", "puerta", "es"),
    ),
    T(
        "pension83517",
        "numbers_other_way",
        "en",
        ("The reference on your pension letter is 83517.",),
        say=("The reference on your pension letter is eight, three, five, one, seven.",),
        change=("changed_number", ("The reference on your pension letter is eight, three, five, one, four.",)),
        word=("letter", "carta", "es"),
    ),
    T(
        "candles8",
        "digits",
        "en",
        ("We have 8 candles left in the lavender scent at our Kendal shop.", "I can set them aside until Saturday."),
        change=(
            "changed_number",
            (
                "We have 3 candles left in the lavender scent at our Kendal shop.",
                "I can set them aside until Saturday.",
            ),
        ),
        word=("candles", "velas", "es"),
        es=(
            "Nos quedan ocho velas con aroma de lavanda en nuestra tienda de Kendal.",
            "Se las puedo apartar hasta el sábado.",
        ),
        fr=(
            "Il nous reste huit bougies parfumées à la lavande dans notre boutique de Kendal.",
            "Je peux vous les mettre de côté jusqu'à samedi.",
        ),
    ),
    T(
        "plates16",
        "digits",
        "en",
        ("The dinner set comes with 16 plates in the pattern you picked.",),
        change=("changed_number", ("The dinner set comes with 60 plates in the pattern you picked.",)),
        fr=("Le service de table comprend seize assiettes avec le motif que vous avez choisi.",),
    ),
    T(
        "classes36",
        "number_words",
        "en",
        ("Your gym pass includes thirty-six classes over the term.",),
        say=("Your gym pass includes 36 classes over the term.",),
        change=("changed_number", ("Your gym pass includes 46 classes over the term.",)),
        es=("Su bono del gimnasio incluye treinta y seis clases durante el trimestre.",),
    ),
    T(
        "steps4500",
        "number_words",
        "en",
        ("Your walking challenge goal is four thousand five hundred steps a day.",),
        say=("Your walking challenge goal is 4,500 steps a day.",),
        change=("changed_number", ("Your walking challenge goal is 4,800 steps a day.",)),
        word=("steps", "pasos", "es"),
    ),
    # --- times ----------------------------------------------------------------------------
    T(
        "shuttle0705",
        "times",
        "en",
        ("The 7:05 shuttle to the terminal leaves from stop three.",),
        say=("The seven oh five shuttle to the terminal leaves from stop three.",),
        change=("changed_number", ("The seven thirty-five shuttle to the terminal leaves from stop three.",)),
        word=("shuttle", "lanzadera", "es"),
        es=("La lanzadera de las siete y cinco a la terminal sale de la parada tres.",),
    ),
    T(
        "strangely_bakery0640",
        "times",
        "en",
        ("Strangely, the bakery opens at 6:40 on Mondays.",),
        say=("Strangely, the bakery opens at six forty on Mondays.",),
        change=("changed_number", ("Strangely, the bakery opens at seven forty on Mondays.",)),
        head=("Strangely", "Étrangement", "fr"),
        word=("bakery", "boulangerie", "fr"),
        fr=("Étrangement, la boulangerie ouvre à six heures quarante le lundi.",),
    ),
    T(
        "pianotuner_tenpast",
        "times",
        "en",
        ("The piano tuner can call in at ten past three.",),
        change=("changed_number", ("The piano tuner can call in at ten past four.",)),
    ),
    # --- currency, symbols and words --------------------------------------------------------
    T(
        "boots38",
        "currency",
        "en",
        ("Resoling your boots costs $38, ready within a week.",),
        say=("Resoling your boots costs thirty-eight dollars, ready within a week.",),
        change=("changed_number", ("Resoling your boots costs forty-eight dollars, ready within a week.",)),
        word=("boots", "botas", "es"),
    ),
    T(
        "consequently_tiles420",
        "currency",
        "en",
        ("Consequently, the four hundred and twenty euros for the bathroom tiles is due on Monday.",),
        change=(
            "changed_number",
            ("Consequently, the four hundred and sixty euros for the bathroom tiles is due on Monday.",),
        ),
        head=("Consequently", "Consecuentemente", "es"),
        word=("tiles", "azulejos", "es"),
        es=("Consecuentemente, los cuatrocientos veinte euros de los azulejos del baño se pagan el lunes.",),
    ),
    T(
        "keycard6",
        "currency",
        "en",
        ("Remarkably, the replacement key card is only £6.", "It will be added to your final bill."),
        say=("Remarkably, the replacement key card is only six pounds.", "It will be added to your final bill."),
        change=(
            "changed_number",
            ("Remarkably, the replacement key card is only eight pounds.", "It will be added to your final bill."),
        ),
        head=("Remarkably", "Remarquablement", "fr"),
        fr=(
            "Remarquablement, la carte-clé de remplacement ne coûte que six livres.",
            "Elle sera ajoutée à votre note finale.",
        ),
    ),
    T(
        "magazine2240",
        "currency",
        "en",
        ("Your magazine subscription is twenty-two dollars forty a month.",),
        change=("changed_number", ("Your magazine subscription is twenty-six dollars forty a month.",)),
        word=("magazine", "revue", "fr"),
    ),
    # --- ordinals and dates -----------------------------------------------------------------
    T(
        "christening_nov12",
        "ordinals",
        "en",
        ("Your granddaughter's christening is on November 12th.",),
        say=("Your granddaughter's christening is on November twelfth.",),
        change=("changed_number", ("Your granddaughter's christening is on November twentieth.",)),
        word=("christening", "bautizo", "es"),
    ),
    T(
        "previously_heater_fifth",
        "ordinals",
        "en",
        ("Previously, your heater was serviced on the fifth of January.",),
        change=("changed_number", ("Previously, your heater was serviced on the fifteenth of January.",)),
        head=("Previously", "Anteriormente", "es"),
        word=("heater", "calentador", "es"),
        es=("Anteriormente, su calentador se revisó el cinco de enero.",),
    ),
    T(
        "drivinglesson_jul27",
        "ordinals",
        "en",
        ("Your driving lesson is on the 27th of July.",),
        say=("Your driving lesson is on the twenty-seventh of July.",),
        change=("changed_number", ("Your driving lesson is on the seventeenth of July.",)),
    ),
    T(
        "ninth_carriage",
        "ordinals",
        "en",
        ("Your seat is in the ninth carriage, next to the buffet car.",),
        change=("changed_number", ("Your seat is in the nineteenth carriage, next to the buffet car.",)),
        word=("carriage", "voiture", "fr"),
        es=("Su asiento está en el noveno vagón, junto a la cafetería.",),
    ),
    # --- e-mail addresses and URLs said aloud -------------------------------------------------
    T(
        "email_thornbury",
        "email",
        "en",
        ("Please email your proof of address to accounts@thornburyenergy.com.",),
        say=("Please email your proof of address to accounts at thornbury energy dot com.",),
        phrase=("Please email your proof of address", "Envíe su justificante de domicilio", "es"),
        word=("address", "dirección", "es"),
    ),
    T(
        "email_wren",
        "email",
        "en",
        ("Likewise, Tomasz answers from tomasz dot wren at bluefern dot org within the day.",),
        change=(
            "changed_name",
            ("Likewise, Tomasz answers from tomasz dot wray at bluefern dot org within the day.",),
        ),
        head=("Likewise", "Igualmente", "es"),
    ),
    T(
        "url_inkwell",
        "url",
        "en",
        ("You can order more ink cartridges at inkwell.com/refill.",),
        say=("You can order more ink cartridges at ink well dot com slash refill.",),
        word=("cartridges", "cartuchos", "es"),
    ),
    T(
        "url_seacrest",
        "url",
        "en",
        ("Overall, the summer ferry schedule is at w w w dot seacrest dot net slash summer.",),
        head=("Overall", "Globalement", "fr"),
        word=("schedule", "horaires", "fr"),
    ),
    # --- names and places ---------------------------------------------------------------------
    T(
        "caretaker_whitlock",
        "names_places",
        "en",
        ("Your caretaker, Mr Whitlock, will let you into the building on Thursday.",),
        change=("changed_name", ("Your caretaker, Mr Whitmore, will let you into the building on Thursday.",)),
        word=("caretaker", "gardien", "fr"),
        es=("Su conserje, el señor Whitlock, le abrirá el edificio el jueves.",),
    ),
    T(
        "drawers_norwich",
        "names_places",
        "en",
        ("The chest of drawers will leave our depot in Norwich on Monday.", "It should reach you by midweek."),
        change=(
            "changed_place",
            ("The chest of drawers will leave our depot in Ipswich on Monday.", "It should reach you by midweek."),
        ),
        word=("depot", "dépôt", "fr"),
        es=("La cómoda saldrá el lunes de nuestro almacén de Norwich.", "Debería llegarle a mitad de semana."),
        fr=("La commode quittera lundi notre dépôt de Norwich.", "Elle devrait vous parvenir en milieu de semaine."),
    ),
    T(
        "unusually_oviedo",
        "names_places",
        "en",
        ("Unusually, your sister's flight from Oviedo landed early.",),
        change=("changed_place", ("Unusually, your sister's flight from Gijón landed early.",)),
        head=("Unusually", "Inusualmente", "es"),
        es=("Inusualmente, el vuelo de su hermana desde Oviedo aterrizó antes de tiempo.",),
    ),
    T(
        "initially_harlow",
        "names_places",
        "en",
        ("Initially, the food festival in Harlow Gardens was planned for Saturday.",),
        change=("changed_place", ("Initially, the food festival in Ferndale Gardens was planned for Saturday.",)),
        head=("Initially", "Inicialmente", "es"),
        word=("Saturday", "sábado", "es"),
    ),
    # --- acronyms and spelled codes -----------------------------------------------------------
    T(
        "cv_dbs",
        "acronyms",
        "en",
        ("Please bring your CV and a copy of your DBS check to the interview.",),
    ),
    T(
        "incidentally_aa",
        "acronyms",
        "en",
        ("Incidentally, the AA patrol will tow your SUV to our garage.",),
        head=("Incidentally", "Incidemment", "fr"),
    ),
    T(
        "hmrc_isa",
        "acronyms",
        "en",
        ("HMRC will write to you about your ISA allowance in April.",),
    ),
    T(
        "collection_wh47f",
        "spelled_code",
        "en",
        ("Your collection code is W, H, four, seven, F.",),
        change=("changed_number", ("Your collection code is W, H, four, seven, S.",)),
        word=("collection", "recogida", "es"),
    ),
    T(
        "spell_kaur",
        "spelled_code",
        "en",
        ("The surname on the account is Kaur, K, A, U, R.",),
        change=("changed_name", ("The surname on the account is Khan, K, H, A, N.",)),
    ),
    T(
        "bikestore_cycle8",
        "spelled_code",
        "en",
        ("The door code for the bike store is CYCLE8.",),
        say=("The door code for the bike store is C, Y, C, L, E, eight.",),
    ),
    # --- one-word and short replies -------------------------------------------------------------
    T("happytohelp_ow", "one_word", "en", ("Happy to help.",)),
    T("notatall_ow", "one_word", "en", ("Not at all.",)),
    T("onemoment_ow", "one_word", "en", ("One moment.",)),
    T(
        "thirdly_pushchair",
        "short_reply",
        "en",
        ("Thirdly, the pushchair can be collected from our shop on Friday.",),
        head=("Thirdly", "Troisièmement", "fr"),
        word=("pushchair", "poussette", "fr"),
        fr=("Troisièmement, la poussette peut être récupérée dans notre magasin vendredi.",),
    ),
    T(
        "specifically_microwave",
        "short_reply",
        "en",
        ("Specifically, the microwave was dented on its way to you.",),
        head=("Specifically", "Específicamente", "es"),
        word=("microwave", "microondas", "es"),
        es=("Específicamente, el microondas se abolló de camino a su casa.",),
    ),
    T(
        "nonetheless_shower",
        "short_reply",
        "en",
        ("Nonetheless, the shower can be repaired on Friday afternoon.", "I will confirm by email."),
        head=("Nonetheless", "Toutefois", "fr"),
        word=("shower", "douche", "fr"),
        es=("Aun así, la ducha se puede reparar el viernes por la tarde.", "Se lo confirmaré por correo."),
        fr=("Toutefois, la douche peut être réparée vendredi après-midi.", "Je vous le confirmerai par e-mail."),
    ),
    T(
        "understandably_wallet",
        "short_reply",
        "en",
        ("Understandably, the courier could not leave your wallet without a signature.",),
        head=("Understandably", "Comprensiblemente", "es"),
        word=("wallet", "cartera", "es"),
        es=("Comprensiblemente, el mensajero no pudo dejar su cartera sin una firma.",),
    ),
    T(
        "briefly_dishwasher",
        "short_reply",
        "en",
        ("Briefly, the dishwasher needs a new pump, and we have one in stock.",),
        head=("Briefly", "Brevemente", "es"),
        word=("dishwasher", "lavavajillas", "es"),
    ),
    T(
        "porter_barrier",
        "short_reply",
        "en",
        ("I have asked a porter to meet you off the train.", "He will wait at the ticket barrier with a sign."),
        phrase=("at the ticket barrier", "près des portiques", "fr"),
        word=("porter", "maletero", "es"),
        es=(
            "He pedido a un maletero que le reciba al bajar del tren.",
            "Le esperará en los tornos de acceso con un cartel.",
        ),
        fr=(
            "J'ai demandé à un porteur de vous accueillir à la descente du train.",
            "Il vous attendra près des portiques avec une pancarte.",
        ),
    ),
    T(
        "shirts_dinner",
        "short_reply",
        "en",
        ("Your shirts will be pressed and brought back to your room before dinner.",),
        phrase=("before dinner", "antes de la cena", "es"),
        word=("shirts", "camisas", "es"),
    ),
    # --- long replies (about half a minute) -----------------------------------------------------
    T(
        "long_kitchenfit",
        "long_reply",
        "en",
        (
            "Your new kitchen will be fitted from Monday the seventh, and the fitters arrive at a quarter to eight.",
            "They will take out the old units first, so please empty every cupboard and drawer by Sunday evening.",
            "The water will be off for most of Tuesday while the new sink is plumbed in.",
            "There will be some dust, so we will cover the floors and seal the doorway into the hall.",
            "The worktops are cut on site on Wednesday, and the tiler comes on Thursday.",
            "We will take the old units away and leave the room clean.",
        ),
        change=(
            "changed_number",
            (
                "Your new kitchen will be fitted from Monday the fourteenth, and the fitters arrive at a quarter to "
                "eight.",
                "They will take out the old units first, so please empty every cupboard and drawer by Sunday evening.",
                "The water will be off for most of Tuesday while the new sink is plumbed in.",
                "There will be some dust, so we will cover the floors and seal the doorway into the hall.",
                "The worktops are cut on site on Wednesday, and the tiler comes on Thursday.",
                "We will take the old units away and leave the room clean.",
            ),
        ),
        word=("dust", "polvo", "es"),
    ),
    T(
        "long_kennels",
        "long_reply",
        "en",
        (
            "Your dog's stay at Hillcrest Kennels starts on Saturday, and Mrs Abernethy will welcome you at the gate.",
            "You can drop her off between nine and eleven, with her lead, her usual food and a toy she likes.",
            "Please put her name on her bowl, as the staff feed several dogs at a time.",
            "She will be walked twice a day in the paddock, and we will send you a photo each evening.",
            "If she needs any medicine, write the doses on the sheet at the front desk.",
            "On the last day, you can pick her up before four in the afternoon.",
        ),
        change=(
            "changed_name",
            (
                "Your dog's stay at Hillcrest Kennels starts on Saturday, and Mrs Abercrombie will welcome you at the "
                "gate.",
                "You can drop her off between nine and eleven, with her lead, her usual food and a toy she likes.",
                "Please put her name on her bowl, as the staff feed several dogs at a time.",
                "She will be walked twice a day in the paddock, and we will send you a photo each evening.",
                "If she needs any medicine, write the doses on the sheet at the front desk.",
                "On the last day, you can pick her up before four in the afternoon.",
            ),
        ),
        word=("bowl", "cuenco", "es"),
        es=(
            "La estancia de su perra en la residencia Hillcrest empieza el sábado, y la señora Abernethy les recibirá "
            "en la puerta.",
            "Puede dejarla entre las nueve y las once, con su correa, su comida de siempre y un juguete que le guste.",
            "Ponga su nombre en su cuenco, porque el personal da de comer a varios perros a la vez.",
            "La sacaremos a pasear dos veces al día por el prado, y le enviaremos una foto cada tarde.",
            "Si necesita alguna medicina, escriba las dosis en la hoja de recepción.",
            "El último día puede recogerla antes de las cuatro de la tarde.",
        ),
    ),
    T(
        "long_kneescan",
        "long_reply",
        "en",
        (
            "Your knee scan at Ridgeway Hospital is on Tuesday at ten past nine, in the imaging unit on the ground "
            "floor.",
            "Please come twenty minutes early to fill in a short safety questionnaire at the desk.",
            "Wear loose clothes without metal, and leave any jewellery and watches at home if you can.",
            "The scan itself takes about half an hour, and you will need to keep very still while it runs.",
            "You can eat and drink as normal beforehand, and you can drive yourself home afterwards.",
            "Your consultant will have the results within ten days.",
        ),
        change=(
            "changed_number",
            (
                "Your knee scan at Ridgeway Hospital is on Tuesday at ten past ten, in the imaging unit on the ground "
                "floor.",
                "Please come twenty minutes early to fill in a short safety questionnaire at the desk.",
                "Wear loose clothes without metal, and leave any jewellery and watches at home if you can.",
                "The scan itself takes about half an hour, and you will need to keep very still while it runs.",
                "You can eat and drink as normal beforehand, and you can drive yourself home afterwards.",
                "Your consultant will have the results within ten days.",
            ),
        ),
        word=("jewellery", "bijoux", "fr"),
    ),
    # --- Spanish replies ------------------------------------------------------------------------
    T(
        "es_tarragona",
        "spanish",
        "es",
        ("El tren para Tarragona sale de la vía siete.",),
        change=("changed_place", ("El tren para Tortosa sale de la vía siete.",)),
        en_phrase=("de la vía siete", "from track seven"),
    ),
    T(
        "es_iturbe",
        "spanish",
        "es",
        ("La fontanera, la señora Iturbe, vendrá el lunes por la tarde.",),
        change=("changed_name", ("La fontanera, la señora Iriarte, vendrá el lunes por la tarde.",)),
        en_phrase=("el lunes por la tarde", "on Monday afternoon"),
    ),
    T(
        "es_hamaca14",
        "spanish_number",
        "es",
        ("Su hamaca junto a la piscina es la 14.", "El camarero le acompañará."),
        say=("Su hamaca junto a la piscina es la catorce.", "El camarero le acompañará."),
        change=("changed_number", ("Su hamaca junto a la piscina es la cuarenta.", "El camarero le acompañará.")),
        en_phrase=("El camarero le acompañará.", "The waiter will show you there."),
    ),
    T(
        "es_alfombra65",
        "spanish_number",
        "es",
        ("El lavado de la alfombra cuesta 65 euros.",),
        say=("El lavado de la alfombra cuesta sesenta y cinco euros.",),
        change=("changed_number", ("El lavado de la alfombra cuesta setenta y cinco euros.",)),
        en_phrase=("sesenta y cinco euros", "sixty-five euros"),
    ),
    T("es_taza", "spanish_homophone", "es", ("No cobramos tasa de envío por cambiar la taza rota.",)),
    T("es_porsupuesto", "one_word", "es", ("Por supuesto.",)),
    # --- French replies -------------------------------------------------------------------------
    T(
        "fr_rennes",
        "french",
        "fr",
        ("Votre train pour Rennes part du quai neuf.",),
        change=("changed_place", ("Votre train pour Brest part du quai neuf.",)),
    ),
    T(
        "fr_montre57",
        "french",
        "fr",
        ("La réparation de la montre coûte 57 euros.",),
        say=("La réparation de la montre coûte cinquante-sept euros.",),
        change=("changed_number", ("La réparation de la montre coûte soixante-sept euros.",)),
    ),
    T(
        "fr_lacroix",
        "french",
        "fr",
        ("Monsieur Lacroix passera jeudi pour installer le thermostat.", "Il a déjà la clé."),
        change=(
            "changed_name",
            ("Monsieur Marchand passera jeudi pour installer le thermostat.", "Il a déjà la clé."),
        ),
    ),
    T(
        "fr_casier2748",
        "french",
        "fr",
        ("Le code du casier est le 2748.",),
        say=("Le code du casier est le deux, sept, quatre, huit.",),
        change=("changed_number", ("Le code du casier est le deux, sept, quatre, six.",)),
    ),
    T("fr_cestnote", "one_word", "fr", ("C'est noté.",)),
)

#: Extra sentences a faulty reply adds (after the reply, or before it).
EXTRA: dict[str, tuple[str, ...]] = {
    "en": (
        "Our chat service is open until ten every evening.",
        "You can also check this in your online account.",
        "I have added a note about this to your file.",
    ),
    "es": ("Nuestro chat está abierto hasta las diez de la noche.", "He añadido una nota a su expediente."),
    "fr": ("Notre chat est ouvert jusqu'à vingt-deux heures.", "J'ai ajouté une note à votre dossier."),
}

#: The third sealed set's label shares and kind weights, the same objects (as the fourth to sixth sets'),
#: so that the five sets measure the same mix: language drift 20 %, the two one-word kinds four turns each
#: to the other drift kinds' one, so that they make at least half of the drift clips.
LABEL_SHARE = SEALED3_LABEL_SHARE
KIND_WEIGHT = SEALED3_KIND_WEIGHT

SEALED7 = Table("sealed7", TEXTS, EXTRA, LABEL_SHARE, KIND_WEIGHT)
