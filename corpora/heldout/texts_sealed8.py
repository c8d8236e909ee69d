"""The eighth sealed text table: a sixth set rich in one-word code switches, in new words.

The seventh sealed set has been measured, and has decided one release since, so it can
no longer say on its own whether the next decision holds on texts nobody tuned to.
These texts were written afresh, after the seventh set (texts_sealed7.py) was
measured and before any measurement of this one, in the everyday customer-support
style a voice assistant speaks, with the seventh set's purposes, kinds and
proportions and texts.py's conventions (see its docstring): one `Text` per reply,
`transcript` as the service writes it, `say` where the engine is given another
spoken form on purpose, and the fault material faults.py needs. Its sentences,
names, places and numbers are new. One-word switches are common: a `head` word
(English, and its Spanish or French equivalent) on about a quarter of the texts and
a `word` said in Spanish or French mid-sentence on about half. No head and no
switched word, English or foreign, is one that another table switches (texts.py,
texts_sealed.py, texts_sealed2.py to texts_sealed7.py, nor the dev switch table
texts_switch.py): a statistic that learnt a word cannot score it here. The table
asks the generator for the third to seventh sets' mix, about 20 % language drift,
at least half of it one word (`label_share`, `kind_weight`). None is tagged
"known": the known-pattern pass names dev texts.

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
        "alarm3742",
        "numbers_other_way",
        "en",
        ("The code for your burglar alarm panel is 3742.",),
        say=("The code for your burglar alarm panel is three, seven, four, two.",),
        change=("changed_number", ("The code for your burglar alarm panel is three, seven, four, eight.",)),
        word=("alarm", "alarma", "es"),
    ),
    T(
        "licence58204",
        "numbers_other_way",
        "en",
        ("The number on your fishing licence is 58204.",),
        say=("The number on your fishing licence is five, eight, two, zero, four.",),
        change=("changed_number", ("The number on your fishing licence is five, eight, two, zero, nine.",)),
        word=("licence", "licencia", "es"),
    ),
    T(
        "blenders5",
        "digits",
        "en",
        ("We have 5 blenders left in the red finish at our Dundee store.", "I can hold one for you until Thursday."),
        change=(
            "changed_number",
            (
                "We have 2 blenders left in the red finish at our Dundee store.",
                "I can hold one for you until Thursday.",
            ),
        ),
        word=("blenders", "licuadoras", "es"),
        es=(
            "Nos quedan cinco licuadoras en acabado rojo en nuestra tienda de Dundee.",
            "Le puedo guardar una hasta el jueves.",
        ),
        fr=(
            "Il nous reste cinq mixeurs en finition rouge dans notre magasin de Dundee.",
            "Je peux vous en garder un jusqu'à jeudi.",
        ),
    ),
    T(
        "drillbits23",
        "digits",
        "en",
        ("Your tool kit comes with 23 drill bits in a metal case.",),
        change=("changed_number", ("Your tool kit comes with 32 drill bits in a metal case.",)),
        fr=("Votre boîte à outils contient vingt-trois forets dans une mallette en métal.",),
    ),
    T(
        "sessions28",
        "number_words",
        "en",
        ("Your yoga pass includes twenty-eight sessions this season.",),
        say=("Your yoga pass includes 28 sessions this season.",),
        change=("changed_number", ("Your yoga pass includes 38 sessions this season.",)),
        es=("Su bono de yoga incluye veintiocho sesiones esta temporada.",),
    ),
    T(
        "pages3200",
        "number_words",
        "en",
        ("Your reading challenge target is three thousand two hundred pages this year.",),
        say=("Your reading challenge target is 3,200 pages this year.",),
        change=("changed_number", ("Your reading challenge target is 3,700 pages this year.",)),
        word=("pages", "páginas", "es"),
    ),
    # --- times ----------------------------------------------------------------------------
    T(
        "tram0550",
        "times",
        "en",
        ("The 5:50 tram to the stadium leaves from platform four.",),
        say=("The five fifty tram to the stadium leaves from platform four.",),
        change=("changed_number", ("The six fifty tram to the stadium leaves from platform four.",)),
        word=("tram", "tranvía", "es"),
        es=("El tranvía de las seis menos diez al estadio sale del andén cuatro.",),
    ),
    T(
        "typically_bookshop0920",
        "times",
        "en",
        ("Typically, the bookshop opens at 9:20 on Sundays.",),
        say=("Typically, the bookshop opens at nine twenty on Sundays.",),
        change=("changed_number", ("Typically, the bookshop opens at ten twenty on Sundays.",)),
        head=("Typically", "Typiquement", "fr"),
        word=("bookshop", "librairie", "fr"),
        fr=("Typiquement, la librairie ouvre à neuf heures vingt le dimanche.",),
    ),
    T(
        "windowcleaner_twentypast",
        "times",
        "en",
        ("The window cleaner can come by at twenty past eleven.",),
        change=("changed_number", ("The window cleaner can come by at twenty past twelve.",)),
    ),
    # --- currency, symbols and words --------------------------------------------------------
    T(
        "knives17",
        "currency",
        "en",
        ("Sharpening your knives costs $17, ready the same day.",),
        say=("Sharpening your knives costs seventeen dollars, ready the same day.",),
        change=("changed_number", ("Sharpening your knives costs twenty-seven dollars, ready the same day.",)),
        word=("knives", "cuchillos", "es"),
    ),
    T(
        "ultimately_shed315",
        "currency",
        "en",
        ("Ultimately, the three hundred and fifteen euros for the garden shed is due on Friday.",),
        change=(
            "changed_number",
            ("Ultimately, the three hundred and fifty euros for the garden shed is due on Friday.",),
        ),
        head=("Ultimately", "Finalement", "fr"),
        word=("shed", "cabane", "fr"),
        fr=("Finalement, les trois cent quinze euros de la cabane de jardin sont à régler vendredi.",),
    ),
    T(
        "oddly_seatfee9",
        "currency",
        "en",
        ("Oddly, the fee to change your seat is only £9.", "It will be added to your booking total."),
        say=("Oddly, the fee to change your seat is only nine pounds.", "It will be added to your booking total."),
        change=(
            "changed_number",
            ("Oddly, the fee to change your seat is only eleven pounds.", "It will be added to your booking total."),
        ),
        head=("Oddly", "Bizarrement", "fr"),
        fr=(
            "Bizarrement, les frais pour changer de place ne sont que de neuf livres.",
            "Ils seront ajoutés au total de votre réservation.",
        ),
    ),
    T(
        "newspaper1180",
        "currency",
        "en",
        ("Your newspaper delivery is eleven dollars eighty a week.",),
        change=("changed_number", ("Your newspaper delivery is thirteen dollars eighty a week.",)),
        word=("newspaper", "journal", "fr"),
    ),
    # --- ordinals and dates -----------------------------------------------------------------
    T(
        "graduation_sep26",
        "ordinals",
        "en",
        ("Your nephew's graduation is on September 26th.",),
        say=("Your nephew's graduation is on September twenty-sixth.",),
        change=("changed_number", ("Your nephew's graduation is on September sixteenth.",)),
        word=("graduation", "graduación", "es"),
    ),
    T(
        "recently_chimney_third",
        "ordinals",
        "en",
        ("Recently, your chimney was swept on the third of March.",),
        change=("changed_number", ("Recently, your chimney was swept on the thirteenth of March.",)),
        head=("Recently", "Recientemente", "es"),
        word=("chimney", "chimenea", "es"),
        es=("Recientemente, su chimenea se deshollinó el tres de marzo.",),
    ),
    T(
        "tennislesson_aug14",
        "ordinals",
        "en",
        ("Your tennis lesson is on the 14th of August.",),
        say=("Your tennis lesson is on the fourteenth of August.",),
        change=("changed_number", ("Your tennis lesson is on the fourth of August.",)),
    ),
    T(
        "sixth_deck",
        "ordinals",
        "en",
        ("Your cabin is on the sixth deck, beside the theatre.",),
        change=("changed_number", ("Your cabin is on the sixteenth deck, beside the theatre.",)),
        word=("deck", "pont", "fr"),
        es=("Su camarote está en la sexta cubierta, junto al teatro.",),
    ),
    # --- e-mail addresses and URLs said aloud -------------------------------------------------
    T(
        "email_oakhollow",
        "email",
        "en",
        ("Please email your signed lease to lettings@oakhollowhomes.com.",),
        say=("Please email your signed lease to lettings at oak hollow homes dot com.",),
        phrase=("Please email your signed lease", "Envíe su contrato firmado", "es"),
        word=("lease", "arrendamiento", "es"),
    ),
    T(
        "email_quayle",
        "email",
        "en",
        ("Presumably, Marisol replies from marisol dot quayle at tidewater dot org within two days.",),
        change=(
            "changed_name",
            ("Presumably, Marisol replies from marisol dot quinn at tidewater dot org within two days.",),
        ),
        head=("Presumably", "Presumiblemente", "es"),
    ),
    T(
        "url_clearspring",
        "url",
        "en",
        ("You can order replacement water filters at clearspring.com/shop.",),
        say=("You can order replacement water filters at clear spring dot com slash shop.",),
        word=("filters", "filtros", "es"),
    ),
    T(
        "url_larchwood",
        "url",
        "en",
        ("Additionally, the cinema listings are at w w w dot larchwood dot net slash films.",),
        head=("Additionally", "Adicionalmente", "es"),
        word=("listings", "cartelera", "es"),
    ),
    # --- names and places ---------------------------------------------------------------------
    T(
        "driver_ashton",
        "names_places",
        "en",
        ("Your driver, Mr Ashton, will meet you at arrivals on Friday.",),
        change=("changed_name", ("Your driver, Mr Ashby, will meet you at arrivals on Friday.",)),
        word=("driver", "chauffeur", "fr"),
        es=("Su conductor, el señor Ashton, le esperará en llegadas el viernes.",),
    ),
    T(
        "bench_carlisle",
        "names_places",
        "en",
        (
            "The garden bench will leave our workshop in Carlisle on Tuesday.",
            "We will text you a two-hour window the day before.",
        ),
        change=(
            "changed_place",
            (
                "The garden bench will leave our workshop in Penrith on Tuesday.",
                "We will text you a two-hour window the day before.",
            ),
        ),
        word=("workshop", "atelier", "fr"),
        es=(
            "El banco de jardín saldrá el martes de nuestro taller de Carlisle.",
            "Le enviaremos un mensaje con una franja de dos horas el día anterior.",
        ),
        fr=(
            "Le banc de jardin quittera mardi notre atelier de Carlisle.",
            "Nous vous enverrons un SMS avec un créneau de deux heures la veille.",
        ),
    ),
    T(
        "seemingly_cadiz",
        "names_places",
        "en",
        ("Seemingly, your brother's train from Cádiz is running on time.",),
        change=("changed_place", ("Seemingly, your brother's train from Huelva is running on time.",)),
        head=("Seemingly", "Aparentemente", "es"),
        es=("Aparentemente, el tren de su hermano desde Cádiz llega puntual.",),
    ),
    T(
        "subsequently_ashgrove",
        "names_places",
        "en",
        ("Subsequently, the craft fair in Ashgrove Park was moved to Sunday.",),
        change=("changed_place", ("Subsequently, the craft fair in Birchwood Park was moved to Sunday.",)),
        head=("Subsequently", "Posteriormente", "es"),
        word=("fair", "feria", "es"),
    ),
    # --- acronyms and spelled codes -----------------------------------------------------------
    T(
        "rac_a38",
        "acronyms",
        "en",
        ("The RAC van will reach you on the A38 within the hour.",),
    ),
    T(
        "ordinarily_ups",
        "acronyms",
        "en",
        ("Ordinarily, the UPS courier will ask to see your ID.",),
        head=("Ordinarily", "Ordinairement", "fr"),
    ),
    T(
        "ent_mri",
        "acronyms",
        "en",
        ("The ENT clinic has booked your MRI for next Tuesday.",),
    ),
    T(
        "return_qd81m",
        "spelled_code",
        "en",
        ("Your return code is Q, D, eight, one, M.",),
        change=("changed_number", ("Your return code is Q, D, eight, one, N.",)),
        word=("return", "devolución", "es"),
    ),
    T(
        "spell_lowe",
        "spelled_code",
        "en",
        ("The surname on the reservation is Lowe, L, O, W, E.",),
        change=("changed_name", ("The surname on the reservation is Rowe, R, O, W, E.",)),
    ),
    T(
        "binstore_tidy3",
        "spelled_code",
        "en",
        ("The code for the bin store is TIDY3.",),
        say=("The code for the bin store is T, I, D, Y, three.",),
    ),
    # --- one-word and short replies -------------------------------------------------------------
    T("noworries_ow", "one_word", "en", ("No worries.",)),
    T("soundsgood_ow", "one_word", "en", ("Sounds good.",)),
    T("justasecond_ow", "one_word", "en", ("Just a second.",)),
    T(
        "firstly_bookshelf",
        "short_reply",
        "en",
        ("Firstly, the bookshelf can be collected from our showroom on Wednesday.",),
        head=("Firstly", "Premièrement", "fr"),
        word=("bookshelf", "étagère", "fr"),
        fr=("Premièrement, l'étagère peut être récupérée dans notre salle d'exposition mercredi.",),
    ),
    T(
        "regrettably_toaster",
        "short_reply",
        "en",
        ("Regrettably, the toaster was cracked on its way to you.",),
        head=("Regrettably", "Desgraciadamente", "es"),
        word=("toaster", "tostadora", "es"),
        es=("Desgraciadamente, la tostadora se agrietó de camino a su casa.",),
    ),
    T(
        "traditionally_gallery",
        "short_reply",
        "en",
        (
            "Traditionally, the gallery closes early on the last Friday of the month.",
            "I will send you a confirmation by email.",
        ),
        head=("Traditionally", "Traditionnellement", "fr"),
        word=("gallery", "galerie", "fr"),
        es=(
            "Tradicionalmente, la galería cierra temprano el último viernes del mes.",
            "Le enviaré la confirmación por correo.",
        ),
        fr=(
            "Traditionnellement, la galerie ferme tôt le dernier vendredi du mois.",
            "Je vous enverrai la confirmation par e-mail.",
        ),
    ),
    T(
        "occasionally_postman",
        "short_reply",
        "en",
        ("Occasionally, the postman leaves small packages in the porch.",),
        head=("Occasionally", "Ocasionalmente", "es"),
        word=("postman", "cartero", "es"),
        es=("Ocasionalmente, el cartero deja los paquetes pequeños en el porche.",),
    ),
    T(
        "practically_vacuum",
        "short_reply",
        "en",
        ("Practically, the vacuum needs a new motor, and we have one in stock.",),
        head=("Practically", "Prácticamente", "es"),
        word=("vacuum", "aspiradora", "es"),
    ),
    T(
        "receptionist_infodesk",
        "short_reply",
        "en",
        (
            "I have asked a receptionist to meet you at the side entrance.",
            "She will wait beside the information desk with a clipboard.",
        ),
        phrase=("beside the information desk", "près du bureau d'information", "fr"),
        word=("receptionist", "recepcionista", "es"),
        es=(
            "He pedido a una recepcionista que le reciba en la entrada lateral.",
            "Le esperará junto al mostrador de información con una carpeta.",
        ),
        fr=(
            "J'ai demandé à une réceptionniste de vous accueillir à l'entrée latérale.",
            "Elle vous attendra près du bureau d'information avec un porte-bloc.",
        ),
    ),
    T(
        "trousers_evening",
        "short_reply",
        "en",
        ("Your trousers will be hemmed and returned to your room by this evening.",),
        phrase=("by this evening", "antes de esta noche", "es"),
        word=("trousers", "pantalones", "es"),
    ),
    # --- long replies (about half a minute) -----------------------------------------------------
    T(
        "long_loft",
        "long_reply",
        "en",
        (
            "Your loft insulation will be fitted on Thursday the sixteenth, and the installers arrive at half past "
            "eight.",
            "Please clear a path to the hatch on the landing, and move anything stored near it.",
            "The work takes most of the day, and the power will be off for about an hour.",
            "The installers wear masks and lay sheets on the stairs, so there is little mess in the house.",
            "Before they leave, they will show you the new layer and fit a draught strip around the opening.",
            "Your certificate arrives by post within a fortnight.",
        ),
        change=(
            "changed_number",
            (
                "Your loft insulation will be fitted on Thursday the twenty-third, and the installers arrive at half "
                "past eight.",
                "Please clear a path to the hatch on the landing, and move anything stored near it.",
                "The work takes most of the day, and the power will be off for about an hour.",
                "The installers wear masks and lay sheets on the stairs, so there is little mess in the house.",
                "Before they leave, they will show you the new layer and fit a draught strip around the opening.",
                "Your certificate arrives by post within a fortnight.",
            ),
        ),
        word=("masks", "mascarillas", "es"),
    ),
    T(
        "long_sailing",
        "long_reply",
        "en",
        (
            "Your son's week at Brackenfield Sailing School starts on Monday, and Mr Trelawney will meet you at the "
            "jetty.",
            "Please drop him off at half past nine, with a sun hat, sun cream and a warm jumper.",
            "Write his name inside his life jacket, as the children all wear the same colour.",
            "He will sail twice a day on the lake, and we will send you a short video each evening.",
            "If he needs an inhaler, leave it with the instructor at the boathouse.",
            "On Friday, you are welcome to watch the final race from the shore.",
        ),
        change=(
            "changed_name",
            (
                "Your son's week at Brackenfield Sailing School starts on Monday, and Mr Trevelyan will meet you at "
                "the jetty.",
                "Please drop him off at half past nine, with a sun hat, sun cream and a warm jumper.",
                "Write his name inside his life jacket, as the children all wear the same colour.",
                "He will sail twice a day on the lake, and we will send you a short video each evening.",
                "If he needs an inhaler, leave it with the instructor at the boathouse.",
                "On Friday, you are welcome to watch the final race from the shore.",
            ),
        ),
        word=("jetty", "embarcadero", "es"),
        es=(
            "La semana de su hijo en la escuela de vela Brackenfield empieza el lunes, y el señor Trelawney les "
            "recibirá en el embarcadero.",
            "Puede dejarlo a las nueve y media, con un sombrero, crema solar y un jersey de abrigo.",
            "Escriba su nombre dentro del chaleco salvavidas, porque todos los niños llevan el mismo color.",
            "Navegará dos veces al día en el lago, y le enviaremos un vídeo corto cada tarde.",
            "Si necesita un inhalador, déjelo con el monitor en el cobertizo de las barcas.",
            "El viernes puede ver la última regata desde la orilla.",
        ),
    ),
    T(
        "long_hearing",
        "long_reply",
        "en",
        (
            "Your hearing test at Millbrook Clinic is on Wednesday at twenty to eleven, in the audiology suite on the "
            "first floor.",
            "Please arrive fifteen minutes early and bring a list of any medicines you take.",
            "Avoid loud noise, such as live music or power tools, for a day before the test.",
            "The test takes about forty minutes, and you will sit in a quiet booth and press a button at each tone.",
            "You can bring someone with you, and they can wait in the lounge next door.",
            "Your audiologist will go through the results with you on the day.",
        ),
        change=(
            "changed_number",
            (
                "Your hearing test at Millbrook Clinic is on Wednesday at twenty to twelve, in the audiology suite on "
                "the first floor.",
                "Please arrive fifteen minutes early and bring a list of any medicines you take.",
                "Avoid loud noise, such as live music or power tools, for a day before the test.",
                "The test takes about forty minutes, and you will sit in a quiet booth and press a button at each "
                "tone.",
                "You can bring someone with you, and they can wait in the lounge next door.",
                "Your audiologist will go through the results with you on the day.",
            ),
        ),
        word=("booth", "cabine", "fr"),
    ),
    # --- Spanish replies ------------------------------------------------------------------------
    T(
        "es_menorca",
        "spanish",
        "es",
        ("El barco para Menorca sale del muelle cinco.",),
        change=("changed_place", ("El barco para Formentera sale del muelle cinco.",)),
        en_phrase=("del muelle cinco", "from pier five"),
    ),
    T(
        "es_echeverria",
        "spanish",
        "es",
        ("El electricista, el señor Echeverría, vendrá el miércoles por la mañana.",),
        change=("changed_name", ("El electricista, el señor Elizondo, vendrá el miércoles por la mañana.",)),
        en_phrase=("el miércoles por la mañana", "on Wednesday morning"),
    ),
    T(
        "es_sombrilla31",
        "spanish_number",
        "es",
        ("Su sombrilla en la playa es la 31.", "El socorrista se la indicará."),
        say=("Su sombrilla en la playa es la treinta y uno.", "El socorrista se la indicará."),
        change=("changed_number", ("Su sombrilla en la playa es la cuarenta y uno.", "El socorrista se la indicará.")),
        en_phrase=("El socorrista se la indicará.", "The lifeguard will point it out."),
    ),
    T(
        "es_tijeras12",
        "spanish_number",
        "es",
        ("El afilado de las tijeras cuesta 12 euros.",),
        say=("El afilado de las tijeras cuesta doce euros.",),
        change=("changed_number", ("El afilado de las tijeras cuesta quince euros.",)),
        en_phrase=("doce euros", "twelve euros"),
    ),
    T("es_herrar", "spanish_homophone", "es", ("El herrero vendrá a herrar a su caballo el lunes.",)),
    T("es_cuenteconello", "one_word", "es", ("Cuente con ello.",)),
    # --- French replies -------------------------------------------------------------------------
    T(
        "fr_annecy",
        "french",
        "fr",
        ("Votre train pour Annecy part de la voie B.",),
        change=("changed_place", ("Votre train pour Chambéry part de la voie B.",)),
    ),
    T(
        "fr_couette39",
        "french",
        "fr",
        ("Le nettoyage de la couette coûte 39 euros.",),
        say=("Le nettoyage de la couette coûte trente-neuf euros.",),
        change=("changed_number", ("Le nettoyage de la couette coûte quarante-neuf euros.",)),
    ),
    T(
        "fr_perrin",
        "french",
        "fr",
        ("Madame Perrin passera mardi pour réparer le volet.", "Elle a déjà le code."),
        change=(
            "changed_name",
            ("Madame Vidal passera mardi pour réparer le volet.", "Elle a déjà le code."),
        ),
    ),
    T(
        "fr_consigne3916",
        "french",
        "fr",
        ("Le code de la consigne est le 3916.",),
        say=("Le code de la consigne est le trois, neuf, un, six.",),
        change=("changed_number", ("Le code de la consigne est le trois, neuf, un, cinq.",)),
    ),
    T("fr_jemenoccupe", "one_word", "fr", ("Je m'en occupe.",)),
)

#: Extra sentences a faulty reply adds (after the reply, or before it).
EXTRA: dict[str, tuple[str, ...]] = {
    "en": (
        "Our help line is open until eight every evening.",
        "You can also see this in the mobile app.",
        "I have saved a copy of this conversation for you.",
    ),
    "es": (
        "Nuestra línea de ayuda está abierta hasta las ocho de la tarde.",
        "He guardado una copia de esta conversación.",
    ),
    "fr": (
        "Notre ligne d'assistance est ouverte jusqu'à vingt heures.",
        "J'ai enregistré une copie de cette conversation.",
    ),
}

#: The third sealed set's label shares and kind weights, the same objects (as the fourth to seventh
#: sets'), so that the six sets measure the same mix: language drift 20 %, the two one-word kinds four
#: turns each to the other drift kinds' one, so that they make at least half of the drift clips.
LABEL_SHARE = SEALED3_LABEL_SHARE
KIND_WEIGHT = SEALED3_KIND_WEIGHT

SEALED8 = Table("sealed8", TEXTS, EXTRA, LABEL_SHARE, KIND_WEIGHT)
