"""The ninth sealed text table: a seventh set rich in one-word code switches, in new words.

The eighth sealed set has been measured, and the seventh and eighth now join what the
next release is fitted on, so neither can say whether that fit holds on texts nobody
tuned to. These texts were written afresh, after the eighth set (texts_sealed8.py) was
measured and before any measurement of this one, in the everyday customer-support
style a voice assistant speaks, with the eighth set's purposes, kinds and proportions
and texts.py's conventions (see its docstring): one `Text` per reply, `transcript` as
the service writes it, `say` where the engine is given another spoken form on
purpose, and the fault material faults.py needs. Its sentences, names, places and
numbers are new. One-word switches are common: a `head` word (English, and its
Spanish or French equivalent) on about a quarter of the texts and a `word` said in
Spanish or French mid-sentence on about half. No head and no switched word, English
or foreign, is one that another table switches (texts.py, texts_sealed.py,
texts_sealed2.py to texts_sealed8.py, nor the dev switch table texts_switch.py): a
statistic that learnt a word cannot score it here. The table asks the generator for
the third to eighth sets' mix, about 20 % language drift, at least half of it one
word (`label_share`, `kind_weight`). None is tagged "known": the known-pattern pass
names dev texts.

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
        "padlock6158",
        "numbers_other_way",
        "en",
        ("The combination for your gym padlock is 6158.",),
        say=("The combination for your gym padlock is six, one, five, eight.",),
        change=("changed_number", ("The combination for your gym padlock is six, one, five, three.",)),
        word=("padlock", "candado", "es"),
    ),
    T(
        "lawnmower73915",
        "numbers_other_way",
        "en",
        ("The serial number on your lawnmower is 73915.",),
        say=("The serial number on your lawnmower is seven, three, nine, one, five.",),
        change=("changed_number", ("The serial number on your lawnmower is seven, three, nine, one, six.",)),
        word=("lawnmower", "cortacésped", "es"),
    ),
    T(
        "armchairs4",
        "digits",
        "en",
        (
            "We have 4 armchairs left in the green velvet at our Truro store.",
            "I can set one aside for you until Saturday.",
        ),
        change=(
            "changed_number",
            (
                "We have 3 armchairs left in the green velvet at our Truro store.",
                "I can set one aside for you until Saturday.",
            ),
        ),
        word=("armchairs", "sillones", "es"),
        es=(
            "Nos quedan cuatro sillones de terciopelo verde en nuestra tienda de Truro.",
            "Le puedo apartar uno hasta el sábado.",
        ),
        fr=(
            "Il nous reste quatre fauteuils en velours vert dans notre magasin de Truro.",
            "Je peux vous en mettre un de côté jusqu'à samedi.",
        ),
    ),
    T(
        "samplepots24",
        "digits",
        "en",
        ("Your paint order comes with 24 sample pots in a cardboard tray.",),
        change=("changed_number", ("Your paint order comes with 34 sample pots in a cardboard tray.",)),
        fr=("Votre commande de peinture contient vingt-quatre pots d'échantillon dans un plateau en carton.",),
    ),
    T(
        "pottery33",
        "number_words",
        "en",
        ("Your pottery course includes thirty-three evening classes this term.",),
        say=("Your pottery course includes 33 evening classes this term.",),
        change=("changed_number", ("Your pottery course includes 43 evening classes this term.",)),
        es=("Su curso de cerámica incluye treinta y tres clases de tarde este trimestre.",),
    ),
    T(
        "stepgoal240000",
        "number_words",
        "en",
        ("Your step goal for this month is two hundred and forty thousand.",),
        say=("Your step goal for this month is 240,000.",),
        change=("changed_number", ("Your step goal for this month is 260,000.",)),
        word=("goal", "objetivo", "es"),
    ),
    # --- times ----------------------------------------------------------------------------
    T(
        "cablecar0825",
        "times",
        "en",
        ("The 8:25 cable car to the summit leaves from the lower station.",),
        say=("The eight twenty-five cable car to the summit leaves from the lower station.",),
        change=("changed_number", ("The nine twenty-five cable car to the summit leaves from the lower station.",)),
        word=("summit", "cumbre", "es"),
        es=("El teleférico de las ocho y veinticinco a la cumbre sale de la estación inferior.",),
    ),
    T(
        "temporarily_launderette1025",
        "times",
        "en",
        ("Temporarily, the launderette opens at 10:25 on weekdays.",),
        say=("Temporarily, the launderette opens at ten twenty-five on weekdays.",),
        change=("changed_number", ("Temporarily, the launderette opens at eleven twenty-five on weekdays.",)),
        head=("Temporarily", "Temporairement", "fr"),
        word=("launderette", "laverie", "fr"),
        fr=("Temporairement, la laverie ouvre à dix heures vingt-cinq en semaine.",),
    ),
    T(
        "pianotuner_halfpast",
        "times",
        "en",
        ("The piano tuner can call round at half past three.",),
        change=("changed_number", ("The piano tuner can call round at half past four.",)),
    ),
    # --- currency, symbols and words --------------------------------------------------------
    T(
        "jeans19",
        "currency",
        "en",
        ("Hemming your jeans costs $19, ready the next morning.",),
        say=("Hemming your jeans costs nineteen dollars, ready the next morning.",),
        change=("changed_number", ("Hemming your jeans costs twenty-nine dollars, ready the next morning.",)),
        word=("jeans", "vaqueros", "es"),
    ),
    T(
        "essentially_greenhouse412",
        "currency",
        "en",
        ("Essentially, the four hundred and twelve euros for the greenhouse is due on Monday.",),
        change=(
            "changed_number",
            ("Essentially, the four hundred and twenty euros for the greenhouse is due on Monday.",),
        ),
        head=("Essentially", "Essentiellement", "fr"),
        word=("greenhouse", "serre", "fr"),
        fr=("Essentiellement, les quatre cent douze euros de la serre sont à régler lundi.",),
    ),
    T(
        "exceptionally_keyfob8",
        "currency",
        "en",
        (
            "Exceptionally, the charge for a second key fob is only £8.",
            "We will take it from your deposit when you move out.",
        ),
        say=(
            "Exceptionally, the charge for a second key fob is only eight pounds.",
            "We will take it from your deposit when you move out.",
        ),
        change=(
            "changed_number",
            (
                "Exceptionally, the charge for a second key fob is only ten pounds.",
                "We will take it from your deposit when you move out.",
            ),
        ),
        head=("Exceptionally", "Exceptionnellement", "fr"),
        fr=(
            "Exceptionnellement, le supplément pour un deuxième badge n'est que de huit livres.",
            "Nous le retiendrons sur votre caution à votre départ.",
        ),
    ),
    T(
        "milk760",
        "currency",
        "en",
        ("Your milk delivery is seven dollars sixty a week.",),
        change=("changed_number", ("Your milk delivery is nine dollars sixty a week.",)),
        word=("milk", "lait", "fr"),
    ),
    # --- ordinals and dates -----------------------------------------------------------------
    T(
        "recital_oct23",
        "ordinals",
        "en",
        ("Your daughter's recital is on October 23rd.",),
        say=("Your daughter's recital is on October twenty-third.",),
        change=("changed_number", ("Your daughter's recital is on October thirteenth.",)),
        word=("recital", "audición", "es"),
    ),
    T(
        "legally_tenancy_twentyeighth",
        "ordinals",
        "en",
        ("Legally, your tenancy ends on the twenty-eighth of June.",),
        change=("changed_number", ("Legally, your tenancy ends on the eighteenth of June.",)),
        head=("Legally", "Legalmente", "es"),
        word=("tenancy", "alquiler", "es"),
        es=("Legalmente, su alquiler termina el veintiocho de junio.",),
    ),
    T(
        "checkup_nov19",
        "ordinals",
        "en",
        ("Your dental check-up is on the 19th of November.",),
        say=("Your dental check-up is on the nineteenth of November.",),
        change=("changed_number", ("Your dental check-up is on the ninth of November.",)),
    ),
    T(
        "ninth_row",
        "ordinals",
        "en",
        ("Your seats are in the ninth row, beside the aisle.",),
        change=("changed_number", ("Your seats are in the nineteenth row, beside the aisle.",)),
        word=("row", "rang", "fr"),
        es=("Sus asientos están en la novena fila, junto al pasillo.",),
    ),
    # --- e-mail addresses and URLs said aloud -------------------------------------------------
    T(
        "email_bramblecover",
        "email",
        "en",
        ("Please email the photos of the damage to claims@bramblecover.com.",),
        say=("Please email the photos of the damage to claims at bramble cover dot com.",),
        phrase=("Please email the photos", "Envíe las fotos", "es"),
        word=("damage", "daños", "es"),
    ),
    T(
        "email_whitcombe",
        "email",
        "en",
        ("Preferably, write to rosalind dot whitcombe at fernbank dot org with your order number.",),
        change=(
            "changed_name",
            ("Preferably, write to rosalind dot whitfield at fernbank dot org with your order number.",),
        ),
        head=("Preferably", "Preferiblemente", "es"),
    ),
    T(
        "url_greystone",
        "url",
        "en",
        ("You can download your warranty certificate at greystonetools.com/support.",),
        say=("You can download your warranty certificate at grey stone tools dot com slash support.",),
        word=("warranty", "garantía", "es"),
    ),
    T(
        "url_saltmarsh",
        "url",
        "en",
        ("Unexpectedly, the canteen menu is now at w w w dot saltmarsh dot net slash lunch.",),
        head=("Unexpectedly", "Inesperadamente", "es"),
        word=("canteen", "comedor", "es"),
    ),
    # --- names and places ---------------------------------------------------------------------
    T(
        "guide_pemberton",
        "names_places",
        "en",
        ("Your guide, Mrs Pemberton, will meet you at the harbour on Sunday.",),
        change=("changed_name", ("Your guide, Mrs Pendleton, will meet you at the harbour on Sunday.",)),
        word=("harbour", "port", "fr"),
        es=("Su guía, la señora Pemberton, le esperará en el puerto el domingo.",),
    ),
    T(
        "chairs_hexham",
        "names_places",
        "en",
        (
            "The dining chairs will leave our sawmill in Hexham on Monday.",
            "We will call you with a three-hour window the evening before.",
        ),
        change=(
            "changed_place",
            (
                "The dining chairs will leave our sawmill in Alnwick on Monday.",
                "We will call you with a three-hour window the evening before.",
            ),
        ),
        word=("sawmill", "scierie", "fr"),
        es=(
            "Las sillas saldrán el lunes de nuestro aserradero de Hexham.",
            "Le llamaremos con una franja de tres horas la tarde anterior.",
        ),
        fr=(
            "Les chaises de salle à manger quitteront lundi notre scierie de Hexham.",
            "Nous vous appellerons avec un créneau de trois heures la veille au soir.",
        ),
    ),
    T(
        "probably_logrono",
        "names_places",
        "en",
        ("Probably, your cousin's bus from Logroño is running a little late.",),
        change=("changed_place", ("Probably, your cousin's bus from Soria is running a little late.",)),
        head=("Probably", "Probablemente", "es"),
        es=("Probablemente, el autobús de su primo desde Logroño llega un poco tarde.",),
    ),
    T(
        "historically_elmstead",
        "names_places",
        "en",
        ("Historically, the summer parade in Elmstead Square starts at noon.",),
        change=("changed_place", ("Historically, the summer parade in Thornfield Square starts at noon.",)),
        head=("Historically", "Históricamente", "es"),
        word=("parade", "desfile", "es"),
    ),
    # --- acronyms and spelled codes -----------------------------------------------------------
    T(
        "cctv_hd",
        "acronyms",
        "en",
        ("The CCTV engineer will fit two HD cameras by the back door.",),
    ),
    T(
        "theoretically_dhl",
        "acronyms",
        "en",
        ("Theoretically, the DHL courier will need a signature at the door.",),
        head=("Theoretically", "Théoriquement", "fr"),
    ),
    T(
        "ecg_qr",
        "acronyms",
        "en",
        ("The ECG clinic will scan the QR code on your letter.",),
    ),
    T(
        "gift_hk52r",
        "spelled_code",
        "en",
        ("Your gift code is H, K, five, two, R.",),
        change=("changed_number", ("Your gift code is H, K, five, two, P.",)),
        word=("gift", "regalo", "es"),
    ),
    T(
        "spell_voss",
        "spelled_code",
        "en",
        ("The name on the booking is Voss, V, O, S, S.",),
        change=("changed_name", ("The name on the booking is Moss, M, O, S, S.",)),
    ),
    T(
        "sidegate_fern8",
        "spelled_code",
        "en",
        ("The code for the side gate is FERN8.",),
        say=("The code for the side gate is F, E, R, N, eight.",),
    ),
    # --- one-word and short replies -------------------------------------------------------------
    T("leaveit_ow", "one_word", "en", ("Leave it with me.",)),
    T("bearwithme_ow", "one_word", "en", ("Bear with me.",)),
    T("takecare_ow", "one_word", "en", ("Take care.",)),
    T(
        "automatically_heating",
        "short_reply",
        "en",
        ("Automatically, your thermostat turns the heating down at night.",),
        head=("Automatically", "Automatiquement", "fr"),
        word=("heating", "chauffage", "fr"),
        fr=("Automatiquement, votre thermostat baisse le chauffage la nuit.",),
    ),
    T(
        "frequently_dryer",
        "short_reply",
        "en",
        ("Frequently, the dryer stops before the end of its cycle.",),
        head=("Frequently", "Frecuentemente", "es"),
        word=("dryer", "secadora", "es"),
        es=("Frecuentemente, la secadora se detiene antes del final de su ciclo.",),
    ),
    T(
        "regularly_choir",
        "short_reply",
        "en",
        (
            "Regularly, the choir rehearses in the village hall on Thursday evenings.",
            "I will send you the address by text.",
        ),
        head=("Regularly", "Régulièrement", "fr"),
        word=("choir", "chorale", "fr"),
        es=(
            "Regularmente, el coro ensaya en el salón del pueblo los jueves por la tarde.",
            "Le enviaré la dirección por mensaje.",
        ),
        fr=(
            "Régulièrement, la chorale répète dans la salle des fêtes le jeudi soir.",
            "Je vous enverrai l'adresse par SMS.",
        ),
    ),
    T(
        "conveniently_florist",
        "short_reply",
        "en",
        ("Conveniently, the florist is right next to the hospital entrance.",),
        head=("Conveniently", "Convenientemente", "es"),
        word=("florist", "floristería", "es"),
        es=("Convenientemente, la floristería está justo al lado de la entrada del hospital.",),
    ),
    T(
        "separately_topper",
        "short_reply",
        "en",
        ("Separately, the mattress topper will arrive on Friday in its own box.",),
        head=("Separately", "Séparément", "fr"),
        word=("topper", "surmatelas", "fr"),
    ),
    T(
        "volunteer_visitorcentre",
        "short_reply",
        "en",
        (
            "I have asked a volunteer to meet you at the main car park.",
            "She will wait beside the visitor centre holding a green sign.",
        ),
        phrase=("beside the visitor centre", "à côté du centre d'accueil", "fr"),
        word=("volunteer", "voluntaria", "es"),
        es=(
            "He pedido a una voluntaria que le reciba en el aparcamiento principal.",
            "Le esperará junto al centro de visitantes con un cartel verde.",
        ),
        fr=(
            "J'ai demandé à une bénévole de vous accueillir au parking principal.",
            "Elle vous attendra à côté du centre d'accueil avec un panneau vert.",
        ),
    ),
    T(
        "suit_seventonight",
        "short_reply",
        "en",
        ("Your suit will be pressed and sent up to your room by seven tonight.",),
        phrase=("by seven tonight", "antes de las siete de esta noche", "es"),
        word=("suit", "traje", "es"),
    ),
    # --- long replies (about half a minute) -----------------------------------------------------
    T(
        "long_roof",
        "long_reply",
        "en",
        (
            "Your roof repair starts on Wednesday the twenty-fifth, and the roofers arrive at a quarter past eight.",
            "Please move your car off the drive, as the scaffolding goes up at the side of the house.",
            "The work takes three days, and the roofers will cover the flower beds with sheets each evening.",
            "They will need your outside tap, so please leave the side gate unlocked while they are there.",
            "Before they leave, they will show you photos of the new slates and the lead around the skylight.",
            "Your guarantee arrives by post within ten days.",
        ),
        change=(
            "changed_number",
            (
                "Your roof repair starts on Wednesday the twenty-first, and the roofers arrive at a quarter past "
                "eight.",
                "Please move your car off the drive, as the scaffolding goes up at the side of the house.",
                "The work takes three days, and the roofers will cover the flower beds with sheets each evening.",
                "They will need your outside tap, so please leave the side gate unlocked while they are there.",
                "Before they leave, they will show you photos of the new slates and the lead around the skylight.",
                "Your guarantee arrives by post within ten days.",
            ),
        ),
        word=("scaffolding", "andamio", "es"),
    ),
    T(
        "long_riding",
        "long_reply",
        "en",
        (
            "Your daughter's week at Heronsgate Riding School starts on Monday, and Mrs Fairbairn will meet you at "
            "the stables.",
            "Please bring her at nine o'clock, with riding boots, a packed lunch and a waterproof jacket.",
            "Label her hat and gloves clearly, as the children often swap them by mistake.",
            "She will ride twice a day in the paddock, and we will email you a photo each afternoon.",
            "If she has any allergies, tell the instructor when you arrive.",
            "On Friday, families are welcome to watch a small show in the arena.",
        ),
        change=(
            "changed_name",
            (
                "Your daughter's week at Heronsgate Riding School starts on Monday, and Mrs Fairweather will meet you "
                "at the stables.",
                "Please bring her at nine o'clock, with riding boots, a packed lunch and a waterproof jacket.",
                "Label her hat and gloves clearly, as the children often swap them by mistake.",
                "She will ride twice a day in the paddock, and we will email you a photo each afternoon.",
                "If she has any allergies, tell the instructor when you arrive.",
                "On Friday, families are welcome to watch a small show in the arena.",
            ),
        ),
        word=("stables", "cuadras", "es"),
        es=(
            "La semana de su hija en la escuela de equitación Heronsgate empieza el lunes, y la señora Fairbairn "
            "les recibirá en las cuadras.",
            "Tráigala a las nueve, con botas de montar, comida para llevar y una chaqueta impermeable.",
            "Marque bien su casco y sus guantes, porque los niños a menudo los intercambian sin querer.",
            "Montará dos veces al día en el picadero, y le enviaremos una foto cada tarde.",
            "Si tiene alguna alergia, dígaselo al monitor al llegar.",
            "El viernes, las familias pueden ver una pequeña exhibición en la pista.",
        ),
    ),
    T(
        "long_opticians",
        "long_reply",
        "en",
        (
            "Your eye examination at Harwood Opticians is on Thursday at ten past two, on the ground floor.",
            "Please bring your current glasses and a list of any eye drops you use.",
            "If you wear contact lenses, take them out at least a day before your visit.",
            "The examination takes about half an hour, and the drops may blur your sight for a few hours afterwards.",
            "Please do not drive yourself home, and bring someone who can take you.",
            "Your optician will explain the results and any new prescription on the day.",
        ),
        change=(
            "changed_number",
            (
                "Your eye examination at Harwood Opticians is on Thursday at ten past three, on the ground floor.",
                "Please bring your current glasses and a list of any eye drops you use.",
                "If you wear contact lenses, take them out at least a day before your visit.",
                "The examination takes about half an hour, and the drops may blur your sight for a few hours "
                "afterwards.",
                "Please do not drive yourself home, and bring someone who can take you.",
                "Your optician will explain the results and any new prescription on the day.",
            ),
        ),
        word=("lenses", "lentilles", "fr"),
    ),
    # --- Spanish replies ------------------------------------------------------------------------
    T(
        "es_toledo",
        "spanish",
        "es",
        ("El autobús para Toledo sale de la parada once.",),
        change=("changed_place", ("El autobús para Cuenca sale de la parada once.",)),
        en_phrase=("de la parada once", "from stop eleven"),
    ),
    T(
        "es_goikoetxea",
        "spanish",
        "es",
        ("La fontanera, la señora Goikoetxea, vendrá el jueves por la tarde.",),
        change=("changed_name", ("La fontanera, la señora Urquijo, vendrá el jueves por la tarde.",)),
        en_phrase=("el jueves por la tarde", "on Thursday afternoon"),
    ),
    T(
        "es_butaca72",
        "spanish_number",
        "es",
        ("Su butaca en el cine es la 72.", "La acomodadora le acompañará."),
        say=("Su butaca en el cine es la setenta y dos.", "La acomodadora le acompañará."),
        change=(
            "changed_number",
            ("Su butaca en el cine es la ochenta y dos.", "La acomodadora le acompañará."),
        ),
        en_phrase=("La acomodadora le acompañará.", "The usher will show you to it."),
    ),
    T(
        "es_alfombra27",
        "spanish_number",
        "es",
        ("La limpieza de la alfombra cuesta 27 euros.",),
        say=("La limpieza de la alfombra cuesta veintisiete euros.",),
        change=("changed_number", ("La limpieza de la alfombra cuesta treinta y siete euros.",)),
        en_phrase=("veintisiete euros", "twenty-seven euros"),
    ),
    T("es_revelar", "spanish_homophone", "es", ("El laboratorio va a revelar su carrete antes del martes.",)),
    T("es_faltariamas", "one_word", "es", ("Faltaría más.",)),
    # --- French replies -------------------------------------------------------------------------
    T(
        "fr_colmar",
        "french",
        "fr",
        ("Votre bus pour Colmar part de l'arrêt C.",),
        change=("changed_place", ("Votre bus pour Mulhouse part de l'arrêt C.",)),
    ),
    T(
        "fr_ramonage54",
        "french",
        "fr",
        ("Le ramonage de la cheminée coûte 54 euros.",),
        say=("Le ramonage de la cheminée coûte cinquante-quatre euros.",),
        change=("changed_number", ("Le ramonage de la cheminée coûte cinquante-neuf euros.",)),
    ),
    T(
        "fr_lefort",
        "french",
        "fr",
        ("Monsieur Lefort passera jeudi pour installer le store.", "Il a déjà la clé du portail."),
        change=(
            "changed_name",
            ("Monsieur Gaillard passera jeudi pour installer le store.", "Il a déjà la clé du portail."),
        ),
    ),
    T(
        "fr_casier7204",
        "french",
        "fr",
        ("Le code du casier est le 7204.",),
        say=("Le code du casier est le sept, deux, zéro, quatre.",),
        change=("changed_number", ("Le code du casier est le sept, deux, zéro, neuf.",)),
    ),
    T("fr_camarche", "one_word", "fr", ("Ça marche.",)),
)

#: Extra sentences a faulty reply adds (after the reply, or before it).
EXTRA: dict[str, tuple[str, ...]] = {
    "en": (
        "Our chat team answers every day until nine.",
        "You will find this in your account settings too.",
        "I have emailed you a summary of this call.",
    ),
    "es": (
        "Nuestro chat atiende todos los días hasta las nueve.",
        "Le he enviado un resumen de esta llamada.",
    ),
    "fr": (
        "Notre chat répond tous les jours jusqu'à vingt et une heures.",
        "Je vous ai envoyé un résumé de cet appel.",
    ),
}

#: The third sealed set's label shares and kind weights, the same objects (as the fourth to eighth
#: sets'), so that the seven sets measure the same mix: language drift 20 %, the two one-word kinds four
#: turns each to the other drift kinds' one, so that they make at least half of the drift clips.
LABEL_SHARE = SEALED3_LABEL_SHARE
KIND_WEIGHT = SEALED3_KIND_WEIGHT

SEALED9 = Table("sealed9", TEXTS, EXTRA, LABEL_SHARE, KIND_WEIGHT)
