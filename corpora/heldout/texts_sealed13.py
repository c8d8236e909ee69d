"""The thirteenth sealed text table: an eleventh set rich in one-word code switches, in new words, as large as sealed12.

The twelfth sealed set has been measured, so it can no longer say on its own whether
the next decision holds on texts nobody tuned to. These texts were written afresh,
after the twelfth set (texts_sealed12.py) was measured and before any measurement of
this one, blind to how any earlier set scored, in the everyday style a voice
assistant speaks (travel, health appointments, banking, weather, sports, cooking,
home repairs, pets and the like), with the twelfth set's purposes, kinds and
proportions and texts.py's conventions (see its docstring): one `Text` per reply,
`transcript` as the service writes it, `say` where the engine is given another
spoken form on purpose, and the fault material faults.py needs. There are as many
of them as in the twelfth set (110), so that a plan of about 500 clips draws each
about as often. Its sentences, names, places and numbers are new. One-word switches
are common: a `head` word (English, and its Spanish or French equivalent) on about a
quarter of the texts and a `word` said in Spanish or French mid-sentence on about
half. No head and no switched word, English or foreign, is one that another table
switches (texts.py, texts_sealed.py, texts_sealed2.py to texts_sealed12.py, nor the
dev switch table texts_switch.py): a statistic that learnt a word cannot score it
here. The table asks the generator for the third to twelfth sets' mix, about 20 %
language drift, at least half of it one word (`label_share`, `kind_weight`). None is
tagged "known": the known-pattern pass names dev texts.

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
        "roofclaim47392",
        "numbers_other_way",
        "en",
        ("The claim for the storm damage to your roof has the number 47392.",),
        say=("The claim for the storm damage to your roof has the number four, seven, three, nine, two.",),
        change=(
            "changed_number",
            ("The claim for the storm damage to your roof has the number four, seven, three, nine, six.",),
        ),
        word=("roof", "tejado", "es"),
    ),
    T(
        "fencepanels2815",
        "numbers_other_way",
        "en",
        ("The new panels for your garden fence are booked under work order 2815 in Kelso.",),
        say=("The new panels for your garden fence are booked under work order two, eight, one, five in Kelso.",),
        change=(
            "changed_number",
            ("The new panels for your garden fence are booked under work order two, eight, one, nine in Kelso.",),
        ),
        word=("fence", "valla", "es"),
    ),
    T(
        "nationally_drivingtest730264",
        "numbers_other_way",
        "en",
        ("Nationally, your driving test result is filed under number 730264.",),
        say=("Nationally, your driving test result is filed under number seven, three, zero, two, six, four.",),
        change=(
            "changed_number",
            ("Nationally, your driving test result is filed under number seven, three, zero, two, six, eight.",),
        ),
        head=("Nationally", "Nacionalmente", "es"),
        es=(
            "Nacionalmente, el resultado de su examen de conducir consta con el número siete, tres, cero, dos, "
            "seis, cuatro.",
        ),
    ),
    T(
        "optician49270",
        "numbers_other_way",
        "en",
        ("Show the optician your frame code 49270 when you pick up your new lenses.",),
        say=("Show the optician your frame code four, nine, two, seven, zero when you pick up your new lenses.",),
        change=(
            "changed_number",
            ("Show the optician your frame code four, nine, two, seven, five when you pick up your new lenses.",),
        ),
        word=("optician", "opticien", "fr"),
    ),
    T(
        "strawberries4",
        "digits",
        "en",
        ("The farm shop will keep 4 trays of strawberries for you until noon.",),
        change=("changed_number", ("The farm shop will keep 9 trays of strawberries for you until noon.",)),
        word=("strawberries", "fresas", "es"),
        es=("La tienda de la granja le guardará cuatro bandejas de fresas hasta el mediodía.",),
    ),
    T(
        "hikeplaces3",
        "digits",
        "en",
        (
            "The walking club has 3 places left on Sunday's hike.",
            "Please reply by Friday if you would like to join them.",
        ),
        change=(
            "changed_number",
            (
                "The walking club has 8 places left on Sunday's hike.",
                "Please reply by Friday if you would like to join them.",
            ),
        ),
        es=(
            "Al club de senderismo le quedan tres plazas para la excursión del domingo.",
            "Por favor, responda antes del viernes si quiere apuntarse.",
        ),
        fr=(
            "Le club de randonnée a encore trois places pour la sortie de dimanche.",
            "Merci de répondre avant vendredi si vous souhaitez vous joindre à eux.",
        ),
    ),
    T(
        "soupcarrots5",
        "digits",
        "en",
        ("For the soup, chop 5 carrots and a small red onion.",),
        change=("changed_number", ("For the soup, chop 7 carrots and a small red onion.",)),
        word=("soup", "sopa", "es"),
        fr=("Pour la soupe, coupez cinq carottes et un petit oignon rouge.",),
    ),
    T(
        "seatemp61",
        "digits",
        "en",
        ("The sea at Polzeath will be 61 degrees Fahrenheit on Sunday afternoon.",),
        change=("changed_number", ("The sea at Polzeath will be 66 degrees Fahrenheit on Sunday afternoon.",)),
        word=("sea", "mar", "es"),
        es=("El mar en Polzeath estará a sesenta y un grados Fahrenheit el domingo por la tarde.",),
    ),
    T(
        "carpark260",
        "number_words",
        "en",
        ("The new car park by the hospital has two hundred and sixty spaces.",),
        say=("The new car park by the hospital has 260 spaces.",),
        change=("changed_number", ("The new car park by the hospital has 290 spaces.",)),
    ),
    T(
        "orchardapples68",
        "number_words",
        "en",
        ("The orchard produced sixty-eight crates of apples this autumn.",),
        say=("The orchard produced 68 crates of apples this autumn.",),
        change=("changed_number", ("The orchard produced 78 crates of apples this autumn.",)),
        word=("apples", "pommes", "fr"),
        fr=("Le verger a produit soixante-huit caisses de pommes cet automne.",),
    ),
    T(
        "collectively_fans19000",
        "number_words",
        "en",
        ("Collectively, nineteen thousand fans bought seats for the cup final.",),
        say=("Collectively, 19,000 fans bought seats for the cup final.",),
        change=("changed_number", ("Collectively, 17,000 fans bought seats for the cup final.",)),
        head=("Collectively", "Colectivamente", "es"),
        word=("fans", "aficionados", "es"),
        es=("Colectivamente, diecinueve mil aficionados compraron entradas para la final de copa.",),
    ),
    T(
        "tortoisegrams86",
        "number_words",
        "en",
        ("Your tortoise has gained eighty-six grams since the winter.",),
        say=("Your tortoise has gained 86 grams since the winter.",),
        change=("changed_number", ("Your tortoise has gained 76 grams since the winter.",)),
        word=("tortoise", "tortue", "fr"),
        fr=("Votre tortue a pris quatre-vingt-six grammes depuis l'hiver.",),
    ),
    # --- times ----------------------------------------------------------------------------
    T(
        "coasttrain1035",
        "times",
        "en",
        ("The last train to the coast leaves at 10:35 from platform 4.",),
        say=("The last train to the coast leaves at ten thirty-five from platform four.",),
        change=("changed_number", ("The last train to the coast leaves at ten fifty-five from platform four.",)),
        word=("train", "tren", "es"),
        es=("El último tren a la costa sale a las once menos veinticinco desde el andén cuatro.",),
    ),
    T(
        "promptly_pool0645",
        "times",
        "en",
        ("Promptly, the leisure centre opens the pool at 6:45.",),
        say=("Promptly, the leisure centre opens the pool at six forty-five.",),
        change=("changed_number", ("Promptly, the leisure centre opens the pool at seven forty-five.",)),
        head=("Promptly", "Promptement", "fr"),
        fr=("Promptement, le centre de loisirs ouvre la piscine à six heures quarante-cinq.",),
    ),
    T(
        "vet_quartertofive",
        "times",
        "en",
        ("The vet can see your cat at quarter to five on Monday.",),
        change=("changed_number", ("The vet can see your cat at quarter to six on Monday.",)),
        word=("cat", "chat", "fr"),
    ),
    T(
        "urgently_locksmith0805",
        "times",
        "en",
        ("Urgently, the locksmith will arrive at 8:05 to open your back door.",),
        say=("Urgently, the locksmith will arrive at eight oh five to open your back door.",),
        change=("changed_number", ("Urgently, the locksmith will arrive at nine oh five to open your back door.",)),
        head=("Urgently", "Urgentemente", "es"),
        word=("locksmith", "cerrajero", "es"),
        es=("Urgentemente, el cerrajero llegará a las ocho y cinco para abrir su puerta trasera.",),
    ),
    T(
        "baytrip1435",
        "times",
        "en",
        ("The boat trip round the bay leaves at 2:35 from the slipway.",),
        say=("The boat trip round the bay leaves at two thirty-five from the slipway.",),
        change=("changed_number", ("The boat trip round the bay leaves at three thirty-five from the slipway.",)),
        word=("bay", "baie", "fr"),
    ),
    T(
        "knitting_quarterpast",
        "times",
        "en",
        ("The knitting circle in the reading room meets at quarter past two on Wednesdays.",),
        change=(
            "changed_number",
            ("The knitting circle in the reading room meets at quarter past three on Wednesdays.",),
        ),
        word=("knitting", "tricot", "fr"),
    ),
    # --- currency, symbols and words --------------------------------------------------------
    T(
        "vanengine215",
        "currency",
        "en",
        ("The garage charged £215 to fix the engine of your van.",),
        say=("The garage charged two hundred and fifteen pounds to fix the engine of your van.",),
        change=(
            "changed_number",
            ("The garage charged two hundred and forty-five pounds to fix the engine of your van.",),
        ),
        word=("engine", "motor", "es"),
    ),
    T(
        "equally_boathire49",
        "currency",
        "en",
        ("Equally, you and your brother each pay €49 for the rowing boat.",),
        say=("Equally, you and your brother each pay forty-nine euros for the rowing boat.",),
        change=("changed_number", ("Equally, you and your brother each pay fifty-nine euros for the rowing boat.",)),
        head=("Equally", "Également", "fr"),
        fr=("Également, votre frère et vous payez chacun quarante-neuf euros pour la barque.",),
    ),
    T(
        "watchstrap1120",
        "currency",
        "en",
        ("A new strap for your watch costs eleven pounds twenty at the kiosk.",),
        change=("changed_number", ("A new strap for your watch costs thirteen pounds twenty at the kiosk.",)),
        word=("strap", "bracelet", "fr"),
    ),
    T(
        "informally_flatrent1380",
        "currency",
        "en",
        ("Informally, the rent for the flat is $1,380 a month with bills included.",),
        say=(
            "Informally, the rent for the flat is one thousand three hundred and eighty dollars a month with "
            "bills included.",
        ),
        change=(
            "changed_number",
            (
                "Informally, the rent for the flat is one thousand four hundred and eighty dollars a month with "
                "bills included.",
            ),
        ),
        head=("Informally", "Informalmente", "es"),
        word=("flat", "piso", "es"),
        es=(
            "Informalmente, el alquiler del piso es de mil trescientos ochenta dólares al mes con los gastos "
            "incluidos.",
        ),
    ),
    T(
        "greenjumper27",
        "currency",
        "en",
        ("The green jumper in the winter catalogue costs twenty-seven pounds.",),
        change=("changed_number", ("The green jumper in the winter catalogue costs thirty-seven pounds.",)),
        word=("jumper", "jersey", "es"),
    ),
    T(
        "fundamentally_coursefee135",
        "currency",
        "en",
        ("Fundamentally, the fee for the evening language course is €135 per term.",),
        say=("Fundamentally, the fee for the evening language course is one hundred and thirty-five euros per term.",),
        change=(
            "changed_number",
            ("Fundamentally, the fee for the evening language course is one hundred and fifty-five euros per term.",),
        ),
        head=("Fundamentally", "Fundamentalmente", "es"),
        word=("fee", "tarifa", "es"),
        es=(
            "Fundamentalmente, la tarifa del curso de idiomas por la tarde es de ciento treinta y cinco euros por "
            "trimestre.",
        ),
    ),
    T(
        "bakerbill5830",
        "currency",
        "en",
        ("The bill from the baker for the birthday order comes to $58.30 with delivery.",),
        say=("The bill from the baker for the birthday order comes to fifty-eight dollars thirty with delivery.",),
        change=(
            "changed_number",
            ("The bill from the baker for the birthday order comes to sixty-eight dollars thirty with delivery.",),
        ),
        word=("baker", "boulanger", "fr"),
        fr=(
            "La facture du boulanger pour la commande d'anniversaire s'élève à cinquante-huit dollars trente avec "
            "la livraison.",
        ),
    ),
    T(
        "paintingframe19",
        "currency",
        "en",
        ("The frame for your painting costs nineteen pounds at the art shop.",),
        change=("changed_number", ("The frame for your painting costs twenty-nine pounds at the art shop.",)),
        word=("painting", "cuadro", "es"),
    ),
    # --- ordinals and dates -----------------------------------------------------------------
    T(
        "bloodtest_june9",
        "ordinals",
        "en",
        ("Your blood test is booked for June 9th at Penwortham Health Centre.",),
        say=("Your blood test is booked for June ninth at Penwortham Health Centre.",),
        change=("changed_number", ("Your blood test is booked for June nineteenth at Penwortham Health Centre.",)),
        word=("blood", "sangre", "es"),
        es=("Su análisis de sangre está reservado para el nueve de junio en el centro de salud de Penwortham.",),
    ),
    T(
        "curiously_secondpath",
        "ordinals",
        "en",
        ("Curiously, the ramblers will take the second path along the dunes.",),
        change=("changed_number", ("Curiously, the ramblers will take the third path along the dunes.",)),
        head=("Curiously", "Curieusement", "fr"),
    ),
    T(
        "harvestsupper_thirdsaturday",
        "ordinals",
        "en",
        ("The harvest supper is held in the barn on the third Saturday of September.",),
        change=("changed_number", ("The harvest supper is held in the barn on the fourth Saturday of September.",)),
        word=("barn", "grange", "fr"),
        fr=("Le souper des moissons a lieu dans la grange le troisième samedi de septembre.",),
    ),
    T(
        "wall_23rd",
        "ordinals",
        "en",
        ("Your builder comes on the 23rd to rebuild the wall behind the shed.",),
        say=("Your builder comes on the twenty-third to rebuild the wall behind the shed.",),
        change=("changed_number", ("Your builder comes on the twenty-fifth to rebuild the wall behind the shed.",)),
        word=("wall", "mur", "fr"),
    ),
    T(
        "respectfully_replay_14th",
        "ordinals",
        "en",
        ("Respectfully, both teams agreed to replay the match on the 14th.",),
        say=("Respectfully, both teams agreed to replay the match on the fourteenth.",),
        change=("changed_number", ("Respectfully, both teams agreed to replay the match on the fifteenth.",)),
        head=("Respectfully", "Respetuosamente", "es"),
        es=("Respetuosamente, los dos equipos acordaron repetir el partido el día catorce.",),
    ),
    T(
        "cathedral_secondtower",
        "ordinals",
        "en",
        ("The second tower of the cathedral stays closed while the bells are mended.",),
        change=("changed_number", ("The third tower of the cathedral stays closed while the bells are mended.",)),
        word=("tower", "torre", "es"),
    ),
    T(
        "massage_twelfth",
        "ordinals",
        "en",
        ("Your massage is on the twelfth, with Anneke on the ground floor.",),
        change=("changed_number", ("Your massage is on the thirteenth, with Anneke on the ground floor.",)),
        phrase=("on the ground floor", "en la planta baja", "es"),
    ),
    T(
        "stove_april4",
        "ordinals",
        "en",
        ("The fitter will put in your new stove on the 4th of April.",),
        say=("The fitter will put in your new stove on the fourth of April.",),
        change=("changed_number", ("The fitter will put in your new stove on the fourteenth of April.",)),
        word=("stove", "poêle", "fr"),
        fr=("L'installateur posera votre nouveau poêle le quatre avril.",),
    ),
    # --- e-mail addresses and URLs said aloud -------------------------------------------------
    T(
        "email_hollinsgate",
        "email",
        "en",
        ("Please send the signed tenancy form to lettings@hollinsgateestates.co.uk.",),
        say=("Please send the signed tenancy form to lettings at hollins gate estates dot co dot uk.",),
    ),
    T(
        "attentively_email_calderbrook",
        "email",
        "en",
        ("Attentively, the advisers at calderbrook legal dot org will read every letter you send.",),
        change=(
            "changed_name",
            ("Attentively, the advisers at caldermoor legal dot org will read every letter you send.",),
        ),
        head=("Attentively", "Attentivement", "fr"),
    ),
    T(
        "email_tinysteps",
        "email",
        "en",
        ("Your nanny agency answers messages at care@tinystepsfamily.net.",),
        say=("Your nanny agency answers messages at care at tiny steps family dot net.",),
        word=("nanny", "nounou", "fr"),
    ),
    T(
        "cordially_email_skyreach",
        "email",
        "en",
        ("Cordially, please send your questions about the kite festival to info at skyreach events dot com.",),
        head=("Cordially", "Cordialmente", "es"),
        word=("kite", "cometa", "es"),
    ),
    T(
        "url_coastwise",
        "url",
        "en",
        ("The tide tables for the estuary are at coastwise.org/tides.",),
        say=("The tide tables for the estuary are at coast wise dot org slash tides.",),
        word=("estuary", "estuaire", "fr"),
    ),
    T(
        "openly_url_ashbury",
        "url",
        "en",
        ("Openly, the council lists everything it spends at ashbury.gov.uk/spending.",),
        say=("Openly, the council lists everything it spends at ash bury dot gov dot uk slash spending.",),
        head=("Openly", "Abiertamente", "es"),
    ),
    T(
        "url_stitchery",
        "url",
        "en",
        ("The sewing pattern for the pleated skirt is at stitchery.com/patterns.",),
        say=("The sewing pattern for the pleated skirt is at stitchery dot com slash patterns.",),
        word=("skirt", "jupe", "fr"),
    ),
    T(
        "notably_url_ferncombe",
        "url",
        "en",
        ("Notably, the menu for the harvest festival is at w w w dot ferncombe village dot org slash harvest.",),
        head=("Notably", "Notamment", "fr"),
    ),
    # --- names and places ---------------------------------------------------------------------
    T(
        "taxi_padstow",
        "names_places",
        "en",
        ("Your taxi to Padstow is waiting at the corner beside the chapel.",),
        change=("changed_place", ("Your taxi to Newquay is waiting at the corner beside the chapel.",)),
        word=("corner", "esquina", "es"),
        es=("Su taxi a Padstow le espera en la esquina junto a la capilla.",),
    ),
    T(
        "lawyer_ottley",
        "names_places",
        "en",
        ("Your lawyer, Mrs Ottley, will call you about the contract on Wednesday.",),
        change=("changed_name", ("Your lawyer, Mrs Oakley, will call you about the contract on Wednesday.",)),
        word=("lawyer", "abogado", "es"),
    ),
    T(
        "secretly_ljubljana",
        "names_places",
        "en",
        ("Secretly, your family has booked a weekend in Ljubljana for your fortieth.",),
        change=("changed_place", ("Secretly, your family has booked a weekend in Zagreb for your fortieth.",)),
        head=("Secretly", "Secrètement", "fr"),
        fr=("Secrètement, votre famille a réservé un week-end à Ljubljana pour vos quarante ans.",),
    ),
    T(
        "ironmonger_hawkshead",
        "names_places",
        "en",
        ("The nearest ironmonger is in Hawkshead, just over the bridge.",),
        change=("changed_place", ("The nearest ironmonger is in Coniston, just over the bridge.",)),
        word=("bridge", "puente", "es"),
        es=("La ferretería más cercana está en Hawkshead, justo al otro lado del puente.",),
    ),
    T(
        "earlier_nwachukwu",
        "names_places",
        "en",
        ("Earlier, Mr Nwachukwu agreed to take over your insurance case.",),
        change=("changed_name", ("Earlier, Mr Nwankwo agreed to take over your insurance case.",)),
        head=("Earlier", "Antes", "es"),
    ),
    T(
        "niece_aoifedoherty",
        "names_places",
        "en",
        (
            "Your niece, Aoife Doherty, has been added as a second driver.",
            "She is covered from midnight on Sunday.",
        ),
        change=(
            "changed_name",
            (
                "Your niece, Aoife Dolan, has been added as a second driver.",
                "She is covered from midnight on Sunday.",
            ),
        ),
        word=("niece", "nièce", "fr"),
        es=(
            "Su sobrina, Aoife Doherty, ha sido añadida como segunda conductora.",
            "Está cubierta desde la medianoche del domingo.",
        ),
        fr=(
            "Votre nièce, Aoife Doherty, a été ajoutée comme deuxième conductrice.",
            "Elle est couverte à partir de minuit dimanche.",
        ),
    ),
    T(
        "ponytrek_widecombe",
        "names_places",
        "en",
        ("The pony trek across the moor starts at the farmyard in Widecombe.",),
        change=("changed_place", ("The pony trek across the moor starts at the farmyard in Postbridge.",)),
        word=("moor", "páramo", "es"),
    ),
    T(
        "cleaner_varga",
        "names_places",
        "en",
        ("The cleaner, Ms Varga, will wash your windows on Tuesday.",),
        change=("changed_name", ("The cleaner, Ms Vargas, will wash your windows on Tuesday.",)),
        word=("cleaner", "limpiadora", "es"),
        fr=("La femme de ménage, madame Varga, lavera vos fenêtres mardi.",),
    ),
    # --- acronyms and spelled codes -----------------------------------------------------------
    T(
        "rnli_regatta",
        "acronyms",
        "en",
        ("The RNLI crew will give a safety talk on the slipway before the regatta.",),
    ),
    T(
        "faithfully_rspb",
        "acronyms",
        "en",
        ("Faithfully, the RSPB counts the birds on the reserve every spring.",),
        head=("Faithfully", "Fidèlement", "fr"),
    ),
    T(
        "ghic_ears",
        "acronyms",
        "en",
        ("Your GHIC covers a visit to a doctor in Spain if your ears still hurt.",),
        word=("ears", "oreilles", "fr"),
    ),
    T(
        "simultaneously_p60_dwp",
        "acronyms",
        "en",
        ("Simultaneously, your P60 and the DWP letter will arrive in the post.",),
        head=("Simultaneously", "Simultáneamente", "es"),
        es=("Simultáneamente, su P60 y la carta del DWP llegarán por correo.",),
    ),
    T(
        "ncp_supermarket",
        "acronyms",
        "en",
        ("The NCP car park behind the supermarket now closes at midnight.",),
        word=("supermarket", "supermercado", "es"),
    ),
    T(
        "iban_agm",
        "acronyms",
        "en",
        ("Bring the club's IBAN to the AGM so that members can pay their fees.",),
    ),
    T(
        "loyalty_fm62p8",
        "spelled_code",
        "en",
        ("Your loyalty number at the shop is F, M, six, two, P, eight.",),
        change=("changed_number", ("Your loyalty number at the shop is F, M, six, two, P, three.",)),
        word=("shop", "tienda", "es"),
    ),
    T(
        "spell_lowry",
        "spelled_code",
        "en",
        ("The account holder is Lowry, L, O, W, R, Y.",),
        change=("changed_name", ("The account holder is Lowrie, L, O, W, R, I, E.",)),
    ),
    T(
        "allotment_maple93",
        "spelled_code",
        "en",
        ("The gate code at the allotments is MAPLE93.",),
        say=("The gate code at the allotments is M, A, P, L, E, nine, three.",),
        change=("changed_number", ("The gate code at the allotments is M, A, P, L, E, nine, eight.",)),
    ),
    T(
        "taxletter_qj801x",
        "spelled_code",
        "en",
        ("The reference on your tax letter is Q, J, eight, zero, one, X.",),
        change=("changed_number", ("The reference on your tax letter is Q, J, eight, zero, one, S.",)),
    ),
    T(
        "speaker_sp742",
        "spelled_code",
        "en",
        ("The model number on the back of your speaker is S, P, seven, four, two.",),
        change=("changed_number", ("The model number on the back of your speaker is S, P, seven, four, six.",)),
        word=("speaker", "enceinte", "fr"),
    ),
    T(
        "spell_ogunleye",
        "spelled_code",
        "en",
        ("The booking is under the surname Ogunleye, O, G, U, N, L, E, Y, E.",),
        change=("changed_name", ("The booking is under the surname Ogunlade, O, G, U, N, L, A, D, E.",)),
    ),
    # --- one-word and short replies -------------------------------------------------------------
    T("alreadydone_ow", "one_word", "en", ("Already done.",)),
    T("withpleasure_ow", "one_word", "en", ("With pleasure.",)),
    T("straightaway_ow", "one_word", "en", ("Straight away.",)),
    T("allgoodhere_ow", "one_word", "en", ("All good here.",)),
    T("pointtaken_ow", "one_word", "en", ("Point taken.",)),
    T("thanksalot_ow", "one_word", "en", ("Thanks a lot.",)),
    T(
        "literally_theatre",
        "short_reply",
        "en",
        ("Literally, every seat in the theatre has been sold for Saturday.",),
        head=("Literally", "Literalmente", "es"),
        word=("theatre", "teatro", "es"),
        es=("Literalmente, todas las butacas del teatro están vendidas para el sábado.",),
    ),
    T(
        "surely_mechanic",
        "short_reply",
        "en",
        ("Surely, the mechanic can look at your scooter before Friday.",),
        head=("Surely", "Seguramente", "es"),
        word=("mechanic", "mecánico", "es"),
    ),
    T(
        "neatly_tailor",
        "short_reply",
        "en",
        ("Neatly, the tailor shortened the sleeves of your linen jacket.",),
        head=("Neatly", "Ordenadamente", "es"),
        word=("tailor", "tailleur", "fr"),
        es=("Ordenadamente, el sastre acortó las mangas de su chaqueta de lino.",),
    ),
    T(
        "visually_bathroom",
        "short_reply",
        "en",
        ("Visually, the pale tiles make your bathroom look much bigger.",),
        head=("Visually", "Visualmente", "es"),
        word=("bathroom", "baño", "es"),
    ),
    T(
        "humbly_manager",
        "short_reply",
        "en",
        ("Humbly, the manager apologised for the long wait at the desk.",),
        head=("Humbly", "Humblement", "fr"),
    ),
    T(
        "wisely_heatwave",
        "short_reply",
        "en",
        ("Wisely, keep a bottle of water in the car during the heatwave.",),
        head=("Wisely", "Sagement", "fr"),
        word=("heatwave", "canicule", "fr"),
        fr=("Sagement, gardez une bouteille d'eau dans la voiture pendant la canicule.",),
    ),
    T(
        "explicitly_terrace",
        "short_reply",
        "en",
        ("Explicitly, the house rules forbid barbecues on the roof terrace.",),
        head=("Explicitly", "Explicitement", "fr"),
        word=("terrace", "terrasse", "fr"),
    ),
    T(
        "constantly_chairs",
        "short_reply",
        "en",
        ("Constantly, the young spaniel chews the legs of the kitchen chairs.",),
        head=("Constantly", "Constamment", "fr"),
        word=("chairs", "chaises", "fr"),
    ),
    T(
        "partly_moon",
        "short_reply",
        "en",
        ("Partly, the moon will be hidden behind thin cloud tonight.",),
        head=("Partly", "Partiellement", "fr"),
        word=("moon", "lune", "fr"),
        fr=("Partiellement, la lune sera cachée derrière de fins nuages ce soir.",),
    ),
    T(
        "habitually_fox",
        "short_reply",
        "en",
        ("Habitually, the fox crosses the back lawn just after dusk.",),
        head=("Habitually", "Habituellement", "fr"),
        word=("fox", "renard", "fr"),
        fr=("Habituellement, le renard traverse la pelouse de derrière juste après le crépuscule.",),
    ),
    T(
        "particularly_squirrels",
        "short_reply",
        "en",
        ("Particularly, the squirrels love the peanuts in your bird feeder.",),
        head=("Particularly", "Particulièrement", "fr"),
        word=("squirrels", "écureuils", "fr"),
    ),
    T(
        "envelopes_frontdesk",
        "short_reply",
        "en",
        ("Your box of envelopes arrived at the front desk this afternoon.", "You can pick it up before five."),
        word=("envelopes", "enveloppes", "fr"),
        es=(
            "Su caja de sobres llegó a la recepción esta tarde.",
            "Puede recogerla antes de las cinco.",
        ),
        fr=(
            "Votre boîte d'enveloppes est arrivée à l'accueil cet après-midi.",
            "Vous pouvez la récupérer avant dix-sept heures.",
        ),
    ),
    T(
        "drain_leaves",
        "short_reply",
        "en",
        (
            "Fallen leaves have blocked the drain outside your house.",
            "The council will clear it within the next two hours.",
        ),
        phrase=("within the next two hours", "en las próximas dos horas", "es"),
        word=("drain", "desagüe", "es"),
        es=(
            "Las hojas caídas han atascado el desagüe delante de su casa.",
            "El ayuntamiento lo despejará en las próximas dos horas.",
        ),
        fr=(
            "Des feuilles mortes ont bouché l'égout devant votre maison.",
            "La mairie le dégagera dans les deux prochaines heures.",
        ),
    ),
    T(
        "shin_bruise",
        "short_reply",
        "en",
        ("The bruise on your shin should fade within two weeks.",),
        phrase=("within two weeks", "d'ici deux semaines", "fr"),
        word=("bruise", "moratón", "es"),
        es=("El moratón de la espinilla debería desaparecer en dos semanas.",),
    ),
    # --- long replies (about half a minute) -----------------------------------------------------
    T(
        "long_chesscamp",
        "long_reply",
        "en",
        (
            "Thank you for booking Leo onto the junior chess camp, which runs from Monday to Friday at the "
            "Brindley Centre.",
            "Doors open at half past eight, and the first game begins at nine sharp in the main hall.",
            "Each child needs a packed lunch, a water bottle and a pencil for writing down their moves.",
            "The coaches split the group by age, so Leo will mostly play children between eight and ten.",
            "On Friday afternoon there is a small tournament, and families are welcome to watch from the back.",
            "If Leo feels unwell on any day, please ring the centre before eight so that we can adjust the pairings.",
        ),
        change=(
            "changed_number",
            (
                "Thank you for booking Leo onto the junior chess camp, which runs from Monday to Friday at the "
                "Brindley Centre.",
                "Doors open at half past eight, and the first game begins at ten sharp in the main hall.",
                "Each child needs a packed lunch, a water bottle and a pencil for writing down their moves.",
                "The coaches split the group by age, so Leo will mostly play children between eight and ten.",
                "On Friday afternoon there is a small tournament, and families are welcome to watch from the back.",
                "If Leo feels unwell on any day, please ring the centre before eight so that we can adjust the "
                "pairings.",
            ),
        ),
        word=("pencil", "lápiz", "es"),
        es=(
            "Gracias por inscribir a Leo en el campamento infantil de ajedrez, que va de lunes a viernes en el "
            "Centro Brindley.",
            "Las puertas abren a las ocho y media, y la primera partida empieza a las nueve en punto en la sala "
            "principal.",
            "Cada niño necesita una comida, una botella de agua y un lápiz para apuntar sus jugadas.",
            "Los monitores dividen el grupo por edades, así que Leo jugará sobre todo con niños de entre ocho y diez "
            "años.",
            "El viernes por la tarde hay un pequeño torneo, y las familias pueden mirarlo desde el fondo.",
            "Si Leo se encuentra mal algún día, llame al centro antes de las ocho para que podamos ajustar los "
            "emparejamientos.",
        ),
    ),
    T(
        "long_anklephysio",
        "long_reply",
        "en",
        (
            "Your sprained ankle is healing well, and the swelling has gone down since last week.",
            "For the next fourteen days, wear the support boot whenever you leave the house.",
            "Twice a day, sit on a chair and draw the alphabet in the air with your big toe.",
            "Then stand on a step and slowly lower your heel below the edge, ten times on each side.",
            "A bag of frozen peas wrapped in a tea towel will ease any ache in the evening.",
            "Your next session with Mr Faraday is on the twenty-first, and you can book it at reception.",
        ),
        change=(
            "changed_number",
            (
                "Your sprained ankle is healing well, and the swelling has gone down since last week.",
                "For the next twenty days, wear the support boot whenever you leave the house.",
                "Twice a day, sit on a chair and draw the alphabet in the air with your big toe.",
                "Then stand on a step and slowly lower your heel below the edge, ten times on each side.",
                "A bag of frozen peas wrapped in a tea towel will ease any ache in the evening.",
                "Your next session with Mr Faraday is on the twenty-first, and you can book it at reception.",
            ),
        ),
        word=("heel", "talon", "fr"),
        fr=(
            "Votre entorse à la cheville guérit bien, et le gonflement a diminué depuis la semaine dernière.",
            "Pendant les quatorze prochains jours, portez la botte de maintien dès que vous sortez de chez vous.",
            "Deux fois par jour, asseyez-vous sur une chaise et dessinez l'alphabet dans l'air avec votre gros orteil.",
            "Ensuite, tenez-vous sur une marche et baissez lentement le talon sous le bord, dix fois de chaque côté.",
            "Un sachet de petits pois surgelés enveloppé dans un torchon soulagera les douleurs du soir.",
            "Votre prochaine séance avec monsieur Faraday est le vingt et un, et vous pouvez la réserver à l'accueil.",
        ),
    ),
    T(
        "long_tapasnight",
        "long_reply",
        "en",
        (
            "Welcome to Friday's tapas evening, which begins at half past seven in the cellar bar on Tanner Street.",
            "Every table shares twelve small dishes, brought out a few at a time so that nothing goes cold.",
            "You will start with olives, toasted almonds and a plate of cured ham sliced at the counter.",
            "Next come garlic prawns, fried squid and a warm potato omelette cut into squares.",
            "Each guest gets a fork and a small plate, and fresh bread is brought as often as you like.",
            "Please let us know about any allergies by Thursday evening, so that the kitchen can plan ahead.",
        ),
        change=(
            "changed_number",
            (
                "Welcome to Friday's tapas evening, which begins at half past seven in the cellar bar on Tanner "
                "Street.",
                "Every table shares fifteen small dishes, brought out a few at a time so that nothing goes cold.",
                "You will start with olives, toasted almonds and a plate of cured ham sliced at the counter.",
                "Next come garlic prawns, fried squid and a warm potato omelette cut into squares.",
                "Each guest gets a fork and a small plate, and fresh bread is brought as often as you like.",
                "Please let us know about any allergies by Thursday evening, so that the kitchen can plan ahead.",
            ),
        ),
        word=("fork", "tenedor", "es"),
        es=(
            "Bienvenidos a la noche de tapas del viernes, que empieza a las siete y media en el bar del sótano de "
            "Tanner Street.",
            "Cada mesa comparte doce platillos, que salen de pocos en pocos para que nada se enfríe.",
            "Empezarán con aceitunas, almendras tostadas y un plato de jamón curado cortado en la barra.",
            "Después llegan gambas al ajillo, calamares fritos y una tortilla de patatas templada cortada en "
            "cuadrados.",
            "Cada invitado recibe un tenedor y un plato pequeño, y traemos pan recién hecho tantas veces como quieran.",
            "Por favor, avísennos de cualquier alergia antes del jueves por la tarde, para que la cocina pueda "
            "organizarse.",
        ),
    ),
    T(
        "long_hazelmerecamp",
        "long_reply",
        "en",
        (
            "Welcome to Hazelmere Campsite, where your pitch is number fourteen, in the meadow by the brook.",
            "The shower block is behind the reception hut, and hot water runs from seven until ten.",
            "Campfires are allowed only in the metal pits, and the warden clears the ashes each morning.",
            "On clear nights the sky here is very dark, so you will see thousands of stars above the ridge.",
            "Please keep music low after nine, as many families have young children asleep in their tents.",
            "If you need anything, the warden lives in the cottage at the entrance and answers the bell at any hour.",
        ),
        change=(
            "changed_number",
            (
                "Welcome to Hazelmere Campsite, where your pitch is number nineteen, in the meadow by the brook.",
                "The shower block is behind the reception hut, and hot water runs from seven until ten.",
                "Campfires are allowed only in the metal pits, and the warden clears the ashes each morning.",
                "On clear nights the sky here is very dark, so you will see thousands of stars above the ridge.",
                "Please keep music low after nine, as many families have young children asleep in their tents.",
                "If you need anything, the warden lives in the cottage at the entrance and answers the bell at any "
                "hour.",
            ),
        ),
        word=("stars", "étoiles", "fr"),
    ),
    T(
        "long_signalstrike",
        "long_reply",
        "en",
        (
            "A strike by signalling staff will affect services on the Heart of Wales line this Saturday.",
            "Only one train an hour will run between Llandrindod and Knighton, starting at eight in the morning.",
            "Replacement buses will leave from the station forecourt every thirty minutes until late evening.",
            "Bicycles cannot be carried on the buses, so please plan another way to bring them.",
            "Tickets bought for Saturday can be used on Friday or Sunday instead, or refunded in full.",
            "We will post updates online and at every station, and we are sorry for the disruption.",
        ),
        change=(
            "changed_number",
            (
                "A strike by signalling staff will affect services on the Heart of Wales line this Saturday.",
                "Only one train an hour will run between Llandrindod and Knighton, starting at eight in the morning.",
                "Replacement buses will leave from the station forecourt every forty minutes until late evening.",
                "Bicycles cannot be carried on the buses, so please plan another way to bring them.",
                "Tickets bought for Saturday can be used on Friday or Sunday instead, or refunded in full.",
                "We will post updates online and at every station, and we are sorry for the disruption.",
            ),
        ),
        word=("strike", "grève", "fr"),
    ),
    T(
        "long_spaniel_surgery",
        "long_reply",
        "en",
        (
            "Your dog, Juniper, came through her operation well this morning and can go home at five o'clock.",
            "She will be sleepy tonight, so let her rest somewhere warm and quiet.",
            "Keep her on a short leash for walks, and only around the garden for the first week.",
            "She must wear the cone at all times, so that she cannot lick the stitches on her tummy.",
            "Give her one tablet with breakfast and one with dinner until the packet is finished.",
            "We will take the stitches out in ten days, and a nurse will call you tomorrow to see how she is.",
        ),
        change=(
            "changed_number",
            (
                "Your dog, Juniper, came through her operation well this morning and can go home at six o'clock.",
                "She will be sleepy tonight, so let her rest somewhere warm and quiet.",
                "Keep her on a short leash for walks, and only around the garden for the first week.",
                "She must wear the cone at all times, so that she cannot lick the stitches on her tummy.",
                "Give her one tablet with breakfast and one with dinner until the packet is finished.",
                "We will take the stitches out in ten days, and a nurse will call you tomorrow to see how she is.",
            ),
        ),
        word=("leash", "laisse", "fr"),
        fr=(
            "Votre chienne, Juniper, a bien supporté son opération ce matin et peut rentrer à dix-sept heures.",
            "Elle sera somnolente ce soir, alors laissez-la se reposer dans un endroit chaud et calme.",
            "Tenez-la en laisse courte pendant les promenades, et seulement autour du jardin la première semaine.",
            "Elle doit porter la collerette en permanence, pour ne pas lécher les points sur son ventre.",
            "Donnez-lui un comprimé au petit-déjeuner et un autre au dîner jusqu'à la fin de la boîte.",
            "Nous retirerons les points dans dix jours, et une infirmière vous appellera demain pour prendre de ses "
            "nouvelles.",
        ),
    ),
    # --- Spanish replies ------------------------------------------------------------------------
    T(
        "es_albacete",
        "spanish",
        "es",
        ("El tren a Albacete sale del andén tres.",),
        change=("changed_place", ("El tren a Almansa sale del andén tres.",)),
        en_phrase=("del andén tres", "from platform three"),
    ),
    T(
        "es_uriarte",
        "spanish",
        "es",
        ("El fontanero, el señor Uriarte, vendrá el jueves por la tarde.",),
        change=("changed_name", ("El fontanero, el señor Urrutia, vendrá el jueves por la tarde.",)),
        en_phrase=("el jueves por la tarde", "on Thursday afternoon"),
    ),
    T(
        "es_fuencarral",
        "spanish",
        "es",
        ("La oficina de turismo está en la calle de Fuencarral, frente al parque.",),
        change=("changed_place", ("La oficina de turismo está en la calle de Hortaleza, frente al parque.",)),
        en_phrase=("frente al parque", "opposite the park"),
    ),
    T(
        "es_peluquera",
        "spanish",
        "es",
        (
            "Su cita con la peluquera es a las cinco y cuarto.",
            "Traiga una foto del corte que quiere.",
        ),
        change=(
            "changed_number",
            (
                "Su cita con la peluquera es a las seis y cuarto.",
                "Traiga una foto del corte que quiere.",
            ),
        ),
        en_phrase=("del corte que quiere", "of the cut you want"),
    ),
    T(
        "es_viento50",
        "spanish_number",
        "es",
        ("El viento soplará a 50 kilómetros por hora en la costa.", "Evite pasear por el puerto."),
        say=("El viento soplará a cincuenta kilómetros por hora en la costa.", "Evite pasear por el puerto."),
        change=(
            "changed_number",
            ("El viento soplará a setenta kilómetros por hora en la costa.", "Evite pasear por el puerto."),
        ),
        en_phrase=("por el puerto", "along the harbour"),
    ),
    T(
        "es_pedido59",
        "spanish_number",
        "es",
        ("Su pedido de 59 euros llegará el lunes.",),
        say=("Su pedido de cincuenta y nueve euros llegará el lunes.",),
        change=("changed_number", ("Su pedido de sesenta y nueve euros llegará el lunes.",)),
        en_phrase=("el lunes", "on Monday"),
    ),
    T(
        "es_mercadillo0845",
        "spanish_number",
        "es",
        ("El mercadillo abre a las 8:45 en la plaza del ayuntamiento.",),
        say=("El mercadillo abre a las nueve menos cuarto en la plaza del ayuntamiento.",),
        change=("changed_number", ("El mercadillo abre a las diez menos cuarto en la plaza del ayuntamiento.",)),
        en_phrase=("en la plaza del ayuntamiento", "in the town hall square"),
    ),
    T(
        "es_cliente6384",
        "spanish_number",
        "es",
        ("Su número de cliente es el 6384, y lo necesitará para pagar.",),
        say=("Su número de cliente es el seis, tres, ocho, cuatro, y lo necesitará para pagar.",),
        change=("changed_number", ("Su número de cliente es el seis, tres, ocho, uno, y lo necesitará para pagar.",)),
    ),
    T("es_sede", "spanish_homophone", "es", ("La sede del club cede su salón para la reunión de vecinos del sábado.",)),
    T("es_rebozar", "spanish_homophone", "es", ("Para rebozar el pescado, no deje que el aceite rebose la sartén.",)),
    T("es_sinduda", "one_word", "es", ("Sin duda.",)),
    T("es_yaesta", "one_word", "es", ("Ya está.",)),
    # --- French replies -------------------------------------------------------------------------
    T(
        "fr_morzine",
        "french",
        "fr",
        ("La navette pour Morzine part devant l'office de tourisme.",),
        change=("changed_place", ("La navette pour Avoriaz part devant l'office de tourisme.",)),
    ),
    T(
        "fr_carpentier",
        "french",
        "fr",
        ("Monsieur Carpentier passera relever le compteur jeudi.",),
        change=("changed_name", ("Monsieur Charpentier passera relever le compteur jeudi.",)),
    ),
    T(
        "fr_electricite128",
        "french",
        "fr",
        ("Votre facture d'électricité de 128 euros sera prélevée lundi.",),
        say=("Votre facture d'électricité de cent vingt-huit euros sera prélevée lundi.",),
        change=("changed_number", ("Votre facture d'électricité de cent trente-huit euros sera prélevée lundi.",)),
    ),
    T(
        "fr_parking73",
        "french",
        "fr",
        ("Votre place de parking est la 73.", "L'entrée se trouve rue des Lilas."),
        say=("Votre place de parking est la soixante-treize.", "L'entrée se trouve rue des Lilas."),
        change=(
            "changed_number",
            ("Votre place de parking est la soixante-dix-huit.", "L'entrée se trouve rue des Lilas."),
        ),
    ),
    T(
        "fr_marche_honfleur",
        "french",
        "fr",
        ("Le marché aux fleurs se tient samedi sur le port de Honfleur.",),
        change=("changed_place", ("Le marché aux fleurs se tient samedi sur le port de Deauville.",)),
    ),
    T(
        "fr_vierzon",
        "french",
        "fr",
        ("Votre colis vous attend au point relais de la gare de Vierzon.",),
        change=("changed_place", ("Votre colis vous attend au point relais de la gare de Bourges.",)),
    ),
    T(
        "fr_kine1050",
        "french",
        "fr",
        ("Le kiné pourra vous recevoir mardi à 10 h 50.",),
        say=("Le kiné pourra vous recevoir mardi à dix heures cinquante.",),
        change=("changed_number", ("Le kiné pourra vous recevoir mardi à onze heures cinquante.",)),
    ),
    T(
        "fr_immeuble7c91",
        "french",
        "fr",
        ("Le code de l'immeuble est 7C91.",),
        say=("Le code de l'immeuble est sept, C, neuf, un.",),
        change=("changed_number", ("Le code de l'immeuble est sept, C, neuf, quatre.",)),
    ),
    T("fr_cestregle", "one_word", "fr", ("C'est réglé.",)),
    T("fr_sansfaute", "one_word", "fr", ("Sans faute.",)),
)

#: Extra sentences a faulty reply adds (after the reply, or before it).
EXTRA: dict[str, tuple[str, ...]] = {
    "en": (
        "A summary of this call has been saved to your account.",
        "Just reply to our last message if anything changes.",
        "We appreciate your patience today.",
    ),
    "es": (
        "Tiene un resumen de esta llamada guardado en su cuenta.",
        "Si cambia algo, responda a nuestro último mensaje.",
    ),
    "fr": (
        "Un résumé de cet appel est enregistré dans votre compte.",
        "Si quelque chose change, répondez simplement à notre dernier message.",
    ),
}

#: The third sealed set's label shares and kind weights, the same objects (as the fourth to twelfth
#: sets'), so that the eleven sets measure the same mix: language drift 20 %, the two one-word kinds four
#: turns each to the other drift kinds' one, so that they make at least half of the drift clips.
LABEL_SHARE = SEALED3_LABEL_SHARE
KIND_WEIGHT = SEALED3_KIND_WEIGHT

SEALED13 = Table("sealed13", TEXTS, EXTRA, LABEL_SHARE, KIND_WEIGHT)
