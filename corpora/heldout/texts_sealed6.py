"""The sixth sealed text table: a fourth set rich in one-word code switches, in new words.

The five earlier sealed sets have been looked at too often to tell whether a change
made since generalizes. These texts were written afresh, after the fifth set
(texts_sealed5.py) and before any measurement of this one, in the everyday
customer-support style a voice assistant speaks, with the fifth set's purposes,
kinds and proportions and texts.py's conventions (see its docstring): one `Text`
per reply, `transcript` as the service writes it, `say` where the engine is given
another spoken form on purpose, and the fault material faults.py needs. Its
sentences, names, places and numbers are new. One-word switches are common: a
`head` word (English, and its Spanish or French equivalent) on about a quarter
of the texts and a `word` said in Spanish or French mid-sentence on about half.
No head and no switched word, English or foreign, is one that another table
switches (texts.py, texts_sealed.py, texts_sealed2.py, texts_sealed3.py,
texts_sealed4.py, texts_sealed5.py, nor the dev switch table texts_switch.py): a
statistic that learnt a word cannot score it here. The table asks the generator
for the third to fifth sets' mix, about 20 % language drift, at least half of it
one word (`label_share`, `kind_weight`). None is tagged "known": the
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
        "mailbox5063",
        "numbers_other_way",
        "en",
        ("The code to open the mailbox is 5063.",),
        say=("The code to open the mailbox is five, zero, six, three.",),
        change=("changed_number", ("The code to open the mailbox is five, zero, six, eight.",)),
        word=("mailbox", "buzón", "es"),
    ),
    T(
        "printer71829",
        "numbers_other_way",
        "en",
        ("The tracking number for your printer is 71829.",),
        say=("The tracking number for your printer is seven, one, eight, two, nine.",),
        change=("changed_number", ("The tracking number for your printer is seven, one, eight, two, six.",)),
        word=("printer", "impresora", "es"),
    ),
    T(
        "jackets5",
        "digits",
        "en",
        ("We have 5 jackets in your size at our Ashford store.", "We will hold them at the till until Sunday."),
        change=(
            "changed_number",
            ("We have 9 jackets in your size at our Ashford store.", "We will hold them at the till until Sunday."),
        ),
        word=("jackets", "chaquetas", "es"),
        es=(
            "Tenemos cinco chaquetas de su talla en nuestra tienda de Ashford.",
            "Se las guardamos en caja hasta el domingo.",
        ),
        fr=(
            "Nous avons cinq vestes à votre taille dans notre magasin d'Ashford.",
            "Nous vous les gardons en caisse jusqu'à dimanche.",
        ),
    ),
    T(
        "cushions12",
        "digits",
        "en",
        ("The bench comes with 12 cushions in the colour you chose.",),
        change=("changed_number", ("The bench comes with 20 cushions in the colour you chose.",)),
        fr=("Le banc est livré avec douze coussins de la couleur que vous avez choisie.",),
    ),
    T(
        "warranty42",
        "number_words",
        "en",
        ("Your warranty covers forty-two months from the date of purchase.",),
        say=("Your warranty covers 42 months from the date of purchase.",),
        change=("changed_number", ("Your warranty covers 52 months from the date of purchase.",)),
        es=("Su garantía cubre cuarenta y dos meses desde la fecha de compra.",),
    ),
    T(
        "miles2600",
        "number_words",
        "en",
        ("Your frequent flyer account now holds two thousand six hundred miles.",),
        say=("Your frequent flyer account now holds 2,600 miles.",),
        change=("changed_number", ("Your frequent flyer account now holds 2,900 miles.",)),
        word=("miles", "millas", "es"),
    ),
    # --- times ----------------------------------------------------------------------------
    T(
        "coach0620",
        "times",
        "en",
        ("The 6:20 coach to the city centre leaves from bay four.",),
        say=("The six twenty coach to the city centre leaves from bay four.",),
        change=("changed_number", ("The six fifty coach to the city centre leaves from bay four.",)),
        word=("coach", "autocar", "es"),
        es=("El autocar de las seis y veinte al centro sale de la dársena cuatro.",),
    ),
    T(
        "however_pool2015",
        "times",
        "en",
        ("However, the pool closes at 8:15 on Sundays.",),
        say=("However, the pool closes at eight fifteen on Sundays.",),
        change=("changed_number", ("However, the pool closes at nine fifteen on Sundays.",)),
        head=("However", "Cependant", "fr"),
        word=("pool", "piscine", "fr"),
        fr=("Cependant, la piscine ferme à vingt heures quinze le dimanche.",),
    ),
    T(
        "locksmith_twentyto",
        "times",
        "en",
        ("The locksmith can come round at twenty to four.",),
        change=("changed_number", ("The locksmith can come round at twenty to five.",)),
    ),
    # --- currency, symbols and words --------------------------------------------------------
    T(
        "battery64",
        "currency",
        "en",
        ("A new battery for your watch is $64, fitted while you wait.",),
        say=("A new battery for your watch is sixty-four dollars, fitted while you wait.",),
        change=("changed_number", ("A new battery for your watch is seventy-four dollars, fitted while you wait.",)),
        word=("battery", "batería", "es"),
    ),
    T(
        "ideally_venue350",
        "currency",
        "en",
        ("Ideally, the three hundred and fifty euros for the wedding venue is paid by Friday.",),
        change=(
            "changed_number",
            ("Ideally, the three hundred and eighty euros for the wedding venue is paid by Friday.",),
        ),
        head=("Ideally", "Idealmente", "es"),
        word=("wedding", "boda", "es"),
        es=("Idealmente, los trescientos cincuenta euros del local de la boda se pagan antes del viernes.",),
    ),
    T(
        "latefee4",
        "currency",
        "en",
        ("Nevertheless, the late fee is only £4.", "It will appear on your next statement."),
        say=("Nevertheless, the late fee is only four pounds.", "It will appear on your next statement."),
        change=(
            "changed_number",
            ("Nevertheless, the late fee is only six pounds.", "It will appear on your next statement."),
        ),
        head=("Nevertheless", "Néanmoins", "fr"),
        fr=(
            "Néanmoins, les frais de retard ne sont que de quatre livres.",
            "Ils apparaîtront sur votre prochain relevé.",
        ),
    ),
    T(
        "cheese3150",
        "currency",
        "en",
        ("Your cheese box subscription is thirty-one dollars fifty a month.",),
        change=("changed_number", ("Your cheese box subscription is thirty-seven dollars fifty a month.",)),
        word=("cheese", "fromage", "fr"),
    ),
    # --- ordinals and dates -----------------------------------------------------------------
    T(
        "dance_oct9",
        "ordinals",
        "en",
        ("Your daughter's dance lessons start again on October 9th.",),
        say=("Your daughter's dance lessons start again on October ninth.",),
        change=("changed_number", ("Your daughter's dance lessons start again on October nineteenth.",)),
        word=("lessons", "clases", "es"),
    ),
    T(
        "besides_lamp_second",
        "ordinals",
        "en",
        ("Besides, this is the second time the lamp has arrived broken.",),
        change=("changed_number", ("Besides, this is the third time the lamp has arrived broken.",)),
        head=("Besides", "Además", "es"),
        word=("lamp", "lámpara", "es"),
        es=("Además, es la segunda vez que la lámpara llega rota.",),
    ),
    T(
        "eyetest_may31",
        "ordinals",
        "en",
        ("Your eye test is on the 31st of May.",),
        say=("Your eye test is on the thirty-first of May.",),
        change=("changed_number", ("Your eye test is on the twenty-first of May.",)),
    ),
    T(
        "fourth_floor",
        "ordinals",
        "en",
        ("Your room is on the fourth floor, at the end of the corridor.",),
        change=("changed_number", ("Your room is on the fourteenth floor, at the end of the corridor.",)),
        word=("corridor", "couloir", "fr"),
        es=("Su habitación está en la cuarta planta, al final del pasillo.",),
    ),
    # --- e-mail addresses and URLs said aloud -------------------------------------------------
    T(
        "email_kestrel",
        "email",
        "en",
        ("Please email your bank details to payroll@kestrelworks.com.",),
        say=("Please email your bank details to payroll at kestrel works dot com.",),
        phrase=("Please email your bank details", "Envíe sus datos bancarios", "es"),
        word=("details", "datos", "es"),
    ),
    T(
        "email_holm",
        "email",
        "en",
        ("Usually, Ingrid replies from ingrid dot holm at copperleaf dot net by the evening.",),
        change=(
            "changed_name",
            ("Usually, Ingrid replies from ingrid dot hall at copperleaf dot net by the evening.",),
        ),
        head=("Usually", "Habitualmente", "es"),
    ),
    T(
        "url_sparkleclean",
        "url",
        "en",
        ("You can book a cleaning slot online at sparkleclean.com/book.",),
        say=("You can book a cleaning slot online at sparkle clean dot com slash book.",),
        word=("cleaning", "limpieza", "es"),
    ),
    T(
        "url_riverbus",
        "url",
        "en",
        ("Afterwards, you can check the return timetable at w w w dot riverbus dot net slash times.",),
        head=("Afterwards", "Después", "es"),
        word=("timetable", "horario", "es"),
    ),
    # --- names and places ---------------------------------------------------------------------
    T(
        "landlord_delaney",
        "names_places",
        "en",
        ("Your landlord, Mrs Delaney, will meet you at the flat on Monday.",),
        change=("changed_name", ("Your landlord, Mrs Dempsey, will meet you at the flat on Monday.",)),
        word=("landlord", "propriétaire", "fr"),
        es=("Su casera, la señora Delaney, se reunirá con usted en el piso el lunes.",),
    ),
    T(
        "bookcase_plymouth",
        "names_places",
        "en",
        ("The bookcase will leave our warehouse in Plymouth tomorrow.", "It should reach you by the weekend."),
        change=(
            "changed_place",
            ("The bookcase will leave our warehouse in Swindon tomorrow.", "It should reach you by the weekend."),
        ),
        word=("warehouse", "entrepôt", "fr"),
        es=("La estantería saldrá mañana de nuestro almacén de Plymouth.", "Debería llegarle antes del fin de semana."),
        fr=(
            "La bibliothèque quittera demain notre entrepôt de Plymouth.",
            "Elle devrait vous parvenir d'ici le week-end.",
        ),
    ),
    T(
        "happily_granada",
        "names_places",
        "en",
        ("Happily, your brother's train from Granada arrived on time.",),
        change=("changed_place", ("Happily, your brother's train from Almería arrived on time.",)),
        head=("Happily", "Felizmente", "es"),
        es=("Felizmente, el tren de su hermano desde Granada llegó puntual.",),
    ),
    T(
        "originally_brackley",
        "names_places",
        "en",
        ("Originally, the concert in Brackley Park was planned for Sunday.",),
        change=("changed_place", ("Originally, the concert in Fenwick Park was planned for Sunday.",)),
        head=("Originally", "Originalmente", "es"),
        word=("concert", "concierto", "es"),
    ),
    # --- acronyms and spelled codes -----------------------------------------------------------
    T(
        "rsvp_bbq",
        "acronyms",
        "en",
        ("Please RSVP by Friday so that the caterers can plan the BBQ.",),
    ),
    T(
        "surprisingly_vat",
        "acronyms",
        "en",
        ("Surprisingly, the VAT on your LED lights was refunded in full.",),
        head=("Surprisingly", "Étonnamment", "fr"),
    ),
    T(
        "dvla_mot",
        "acronyms",
        "en",
        ("The DVLA says your car's MOT is due by the end of the month.",),
    ),
    T(
        "voucher_kr39d",
        "spelled_code",
        "en",
        ("Your voucher code is K, R, three, nine, D.",),
        change=("changed_number", ("Your voucher code is K, R, three, nine, B.",)),
        word=("voucher", "cupón", "es"),
    ),
    T(
        "spell_haddad",
        "spelled_code",
        "en",
        ("The surname on the reservation is Haddad, H, A, D, D, A, D.",),
        change=("changed_name", ("The surname on the reservation is Hamdan, H, A, M, D, A, N.",)),
    ),
    T(
        "wifi_blue42",
        "spelled_code",
        "en",
        ("The wifi password for the lounge is BLUE42.",),
        say=("The wifi password for the lounge is B, L, U, E, four, two.",),
    ),
    # --- one-word and short replies -------------------------------------------------------------
    T("noproblem_ow", "one_word", "en", ("No problem.",)),
    T("allset_ow", "one_word", "en", ("All set.",)),
    T("speaksoon_ow", "one_word", "en", ("Speak soon.",)),
    T(
        "secondly_tent",
        "short_reply",
        "en",
        ("Secondly, you can pick up the tent from our shop on Sunday.",),
        head=("Secondly", "Deuxièmement", "fr"),
        word=("tent", "tente", "fr"),
        fr=("Deuxièmement, vous pouvez récupérer la tente dans notre boutique dimanche.",),
    ),
    T(
        "evidently_kettle",
        "short_reply",
        "en",
        ("Evidently, the kettle was damaged on its way to you.",),
        head=("Evidently", "Evidentemente", "es"),
        word=("kettle", "hervidor", "es"),
        es=("Evidentemente, el hervidor se dañó de camino a su casa.",),
    ),
    T(
        "similarly_balcony",
        "short_reply",
        "en",
        ("Similarly, the balcony door can be repaired on Tuesday morning.", "I will confirm by text."),
        head=("Similarly", "Pareillement", "fr"),
        word=("balcony", "balcon", "fr"),
        es=(
            "Del mismo modo, la puerta del balcón se puede reparar el martes por la mañana.",
            "Se lo confirmaré por mensaje.",
        ),
        fr=("Pareillement, la porte du balcon peut être réparée mardi matin.", "Je vous le confirmerai par SMS."),
    ),
    T(
        "interestingly_scarf",
        "short_reply",
        "en",
        ("Interestingly, someone handed your scarf in at reception this morning.",),
        head=("Interestingly", "Curiosamente", "es"),
        word=("scarf", "bufanda", "es"),
        es=("Curiosamente, alguien entregó su bufanda en recepción esta mañana.",),
    ),
    T(
        "admittedly_carpet",
        "short_reply",
        "en",
        ("Admittedly, laying the new carpet will take the whole afternoon.",),
        head=("Admittedly", "Certes", "fr"),
        word=("carpet", "tapis", "fr"),
    ),
    T(
        "taxi_entrance",
        "short_reply",
        "en",
        ("I have booked a taxi to the station for you.", "The driver will wait by the main entrance."),
        phrase=("by the main entrance", "près de l'entrée principale", "fr"),
        word=("station", "estación", "es"),
        es=("Le he reservado un taxi a la estación.", "El conductor le esperará junto a la entrada principal."),
        fr=("Je vous ai réservé un taxi pour la gare.", "Le chauffeur vous attendra près de l'entrée principale."),
    ),
    T(
        "luggage_suite",
        "short_reply",
        "en",
        ("Your luggage will be carried up to your suite within the hour.",),
        phrase=("within the hour", "dentro de una hora", "es"),
        word=("luggage", "equipaje", "es"),
    ),
    # --- long replies (about half a minute) -----------------------------------------------------
    T(
        "long_solar",
        "long_reply",
        "en",
        (
            "Your solar panels will be fitted on Tuesday the fourth, and the installers arrive at half past eight.",
            "They will put up a ladder at the side of the house and work on the roof for most of the day.",
            "The power will be off for about an hour in the afternoon, so please save any work on your computer.",
            "Once the panels are connected, the installer will show you the app that tracks what they produce.",
            "Please keep the driveway clear for the van, and keep pets indoors while the team is on site.",
            "We will send the certificate by post within two weeks.",
        ),
        change=(
            "changed_number",
            (
                "Your solar panels will be fitted on Tuesday the eleventh, and the installers arrive at half past "
                "eight.",
                "They will put up a ladder at the side of the house and work on the roof for most of the day.",
                "The power will be off for about an hour in the afternoon, so please save any work on your computer.",
                "Once the panels are connected, the installer will show you the app that tracks what they produce.",
                "Please keep the driveway clear for the van, and keep pets indoors while the team is on site.",
                "We will send the certificate by post within two weeks.",
            ),
        ),
        word=("ladder", "escalera", "es"),
    ),
    T(
        "long_vets",
        "long_reply",
        "en",
        (
            "Your dog's operation at Marlow Vets is on Friday morning, with Doctor Lindqvist.",
            "Please give him no food after eight the evening before, though a little water is fine.",
            "Bring him in on a short lead between half past seven and eight, with his vaccination card.",
            "We will ring you at lunchtime to say how it went and when you can collect him.",
            "He will need to wear a cone for ten days, and only short walks until the stitches come out.",
            "If anything worries you, the night line is open until eleven.",
        ),
        change=(
            "changed_name",
            (
                "Your dog's operation at Marlow Vets is on Friday morning, with Doctor Lindgren.",
                "Please give him no food after eight the evening before, though a little water is fine.",
                "Bring him in on a short lead between half past seven and eight, with his vaccination card.",
                "We will ring you at lunchtime to say how it went and when you can collect him.",
                "He will need to wear a cone for ten days, and only short walks until the stitches come out.",
                "If anything worries you, the night line is open until eleven.",
            ),
        ),
        word=("cone", "cono", "es"),
        es=(
            "La operación de su perro en la clínica Marlow es el viernes por la mañana, con el doctor Lindqvist.",
            "No le dé comida después de las ocho de la noche anterior, aunque un poco de agua está bien.",
            "Tráigalo con una correa corta entre las siete y media y las ocho, con su cartilla de vacunas.",
            "Le llamaremos a mediodía para contarle cómo ha ido y cuándo puede recogerlo.",
            "Tendrá que llevar un cono durante diez días, y solo paseos cortos hasta que le quiten los puntos.",
            "Si algo le preocupa, la línea de noche está abierta hasta las once.",
        ),
    ),
    T(
        "long_aquarium",
        "long_reply",
        "en",
        (
            "Your son's class trip to the aquarium leaves from the front gates at a quarter to nine on Wednesday.",
            "Please send a packed lunch, a bottle of water and a waterproof coat, as part of the day is outdoors.",
            "The bus will be back at about four, and the staff will wait with the children until each is collected.",
            "Pocket money is not needed, but a small amount for the gift shop is allowed.",
            "If your child gets travel sick, please tell the office and hand in any medicine in a labelled pouch.",
            "The signed consent form must reach us by Monday.",
        ),
        change=(
            "changed_number",
            (
                "Your son's class trip to the aquarium leaves from the front gates at a quarter to ten on Wednesday.",
                "Please send a packed lunch, a bottle of water and a waterproof coat, as part of the day is outdoors.",
                "The bus will be back at about four, and the staff will wait with the children until each is "
                "collected.",
                "Pocket money is not needed, but a small amount for the gift shop is allowed.",
                "If your child gets travel sick, please tell the office and hand in any medicine in a labelled pouch.",
                "The signed consent form must reach us by Monday.",
            ),
        ),
        word=("coat", "manteau", "fr"),
    ),
    # --- Spanish replies ------------------------------------------------------------------------
    T(
        "es_salamanca",
        "spanish",
        "es",
        ("El autobús para Salamanca sale desde la dársena doce.",),
        change=("changed_place", ("El autobús para Segovia sale desde la dársena doce.",)),
        en_phrase=("desde la dársena doce", "from bay twelve"),
    ),
    T(
        "es_castano",
        "spanish",
        "es",
        ("El cerrajero, el señor Castaño, pasará el viernes a mediodía.",),
        change=("changed_name", ("El cerrajero, el señor Carmona, pasará el viernes a mediodía.",)),
    ),
    T(
        "es_taquilla7",
        "spanish_number",
        "es",
        ("Su taquilla en el gimnasio es la 7.", "La llave está en recepción."),
        say=("Su taquilla en el gimnasio es la siete.", "La llave está en recepción."),
        change=("changed_number", ("Su taquilla en el gimnasio es la diecisiete.", "La llave está en recepción.")),
        en_phrase=("La llave está en recepción.", "The key is at reception."),
    ),
    T(
        "es_abrigo45",
        "spanish_number",
        "es",
        ("El arreglo del abrigo cuesta 45 euros.",),
        say=("El arreglo del abrigo cuesta cuarenta y cinco euros.",),
        change=("changed_number", ("El arreglo del abrigo cuesta cincuenta y cinco euros.",)),
        en_phrase=("cuarenta y cinco euros", "forty-five euros"),
    ),
    T("es_rallar", "spanish_homophone", "es", ("Procure no rayar la encimera al rallar el queso.",)),
    T("es_congusto", "one_word", "es", ("Con gusto.",)),
    # --- French replies -------------------------------------------------------------------------
    T(
        "fr_strasbourg",
        "french",
        "fr",
        ("Votre vol pour Strasbourg décolle de la porte douze.",),
        change=("changed_place", ("Votre vol pour Grenoble décolle de la porte douze.",)),
    ),
    T(
        "fr_retouche58",
        "french",
        "fr",
        ("La retouche du pantalon coûte 58 euros.",),
        say=("La retouche du pantalon coûte cinquante-huit euros.",),
        change=("changed_number", ("La retouche du pantalon coûte soixante-huit euros.",)),
    ),
    T(
        "fr_fournier",
        "french",
        "fr",
        ("Madame Fournier vous rappellera lundi pour le contrat.", "Elle a déjà votre numéro."),
        change=(
            "changed_name",
            ("Madame Fontaine vous rappellera lundi pour le contrat.", "Elle a déjà votre numéro."),
        ),
    ),
    T(
        "fr_interphone7315",
        "french",
        "fr",
        ("Le code de l'interphone est le 7315.",),
        say=("Le code de l'interphone est le sept, trois, un, cinq.",),
        change=("changed_number", ("Le code de l'interphone est le sept, trois, un, huit.",)),
    ),
    T("fr_passouci", "one_word", "fr", ("Pas de souci.",)),
)

#: Extra sentences a faulty reply adds (after the reply, or before it).
EXTRA: dict[str, tuple[str, ...]] = {
    "en": (
        "Our phone lines are quieter after four in the afternoon.",
        "You can also manage this from the app on your phone.",
        "I have saved all of this to your profile.",
    ),
    "es": ("Nuestras líneas tienen menos espera por la tarde.", "Le guardo todo esto en su perfil."),
    "fr": ("Nos lignes sont plus calmes en fin d'après-midi.", "J'enregistre tout cela dans votre profil."),
}

#: The third sealed set's label shares and kind weights, the same objects (as the fourth and fifth sets'),
#: so that the four sets measure the same mix: language drift 20 %, the two one-word kinds four turns each
#: to the other drift kinds' one, so that they make at least half of the drift clips.
LABEL_SHARE = SEALED3_LABEL_SHARE
KIND_WEIGHT = SEALED3_KIND_WEIGHT

SEALED6 = Table("sealed6", TEXTS, EXTRA, LABEL_SHARE, KIND_WEIGHT)
