"""The fifth sealed text table: a third set rich in one-word code switches, in new words.

The fourth sealed set (texts_sealed4.py) has been measured, so it can no longer tell
whether a change made since generalizes to one-word switches. These texts were
written afresh, after that measurement, in the everyday customer-support style a
voice assistant speaks, with the fourth set's purposes, kinds and proportions and
texts.py's conventions (see its docstring): one `Text` per reply, `transcript` as
the service writes it, `say` where the engine is given another spoken form on
purpose, and the fault material faults.py needs. One-word switches are common: a
`head` word (English, and its Spanish or French equivalent) on about a quarter
of the texts and a `word` said in Spanish or French mid-sentence on about half.
No head and no switched word, English or foreign, is one that another table
switches (texts.py, texts_sealed.py, texts_sealed2.py, texts_sealed3.py,
texts_sealed4.py, nor the dev switch table texts_switch.py): a statistic that
learnt a word cannot score it here. The table asks the generator for the third
and fourth sets' mix, about 20 % language drift, at least half of it one word
(`label_share`, `kind_weight`). None is tagged "known": the known-pattern pass
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
        "garage3817",
        "numbers_other_way",
        "en",
        ("The code for the garage door is 3817.",),
        say=("The code for the garage door is three, eight, one, seven.",),
        change=("changed_number", ("The code for the garage door is three, eight, one, four.",)),
        word=("garage", "garaje", "es"),
    ),
    T(
        "vaccine60452",
        "numbers_other_way",
        "en",
        ("The reference on your vaccine record is 60452.",),
        say=("The reference on your vaccine record is six, zero, four, five, two.",),
        change=("changed_number", ("The reference on your vaccine record is six, zero, four, nine, two.",)),
        word=("vaccine", "vacuna", "es"),
    ),
    T(
        "bottles6",
        "digits",
        "en",
        ("We delivered 6 bottles of water to your flat earlier.", "The empty ones go back with the driver."),
        change=(
            "changed_number",
            ("We delivered 8 bottles of water to your flat earlier.", "The empty ones go back with the driver."),
        ),
        word=("bottles", "botellas", "es"),
        es=("Le entregamos seis botellas de agua en su piso hace un rato.", "Las vacías se las lleva el repartidor."),
        fr=("Nous avons livré six bouteilles d'eau chez vous tout à l'heure.", "Le livreur reprend les vides."),
    ),
    T(
        "chairs14",
        "digits",
        "en",
        ("The hall is set up with 14 chairs for your meeting.",),
        change=("changed_number", ("The hall is set up with 40 chairs for your meeting.",)),
        fr=("La salle est installée avec quatorze chaises pour votre réunion.",),
    ),
    T(
        "contract35",
        "number_words",
        "en",
        ("Your rental contract runs to thirty-five pages in total.",),
        say=("Your rental contract runs to 35 pages in total.",),
        change=("changed_number", ("Your rental contract runs to 45 pages in total.",)),
        es=("Su contrato de alquiler tiene treinta y cinco páginas en total.",),
    ),
    T(
        "points1800",
        "number_words",
        "en",
        ("Your loyalty card now holds one thousand eight hundred points.",),
        say=("Your loyalty card now holds 1,800 points.",),
        change=("changed_number", ("Your loyalty card now holds 1,300 points.",)),
        word=("points", "puntos", "es"),
    ),
    # --- times ----------------------------------------------------------------------------
    T(
        "train0745",
        "times",
        "en",
        ("The 7:45 train to the airport leaves from the far end of the station.",),
        say=("The seven forty-five train to the airport leaves from the far end of the station.",),
        change=(
            "changed_number",
            ("The eight forty-five train to the airport leaves from the far end of the station.",),
        ),
        word=("airport", "aeropuerto", "es"),
        es=("El tren de las siete y cuarenta y cinco al aeropuerto sale del fondo de la estación.",),
    ),
    T(
        "museum1030",
        "times",
        "en",
        ("Personally, I would get to the museum before 10:30 on Saturday.",),
        say=("Personally, I would get to the museum before ten thirty on Saturday.",),
        change=("changed_number", ("Personally, I would get to the museum before eleven thirty on Saturday.",)),
        head=("Personally", "Personnellement", "fr"),
        word=("museum", "musée", "fr"),
        fr=("Personnellement, j'arriverais au musée avant dix heures et demie samedi.",),
    ),
    T(
        "hairdresser_quarter",
        "times",
        "en",
        ("Your hairdresser can fit you in at a quarter past twelve.",),
        change=("changed_number", ("Your hairdresser can fit you in at a quarter past two.",)),
    ),
    # --- currency, symbols and words --------------------------------------------------------
    T(
        "headphones85",
        "currency",
        "en",
        ("The repair to your headphones is $85 including postage.",),
        say=("The repair to your headphones is eighty-five dollars including postage.",),
        change=("changed_number", ("The repair to your headphones is ninety-five dollars including postage.",)),
        word=("headphones", "auriculares", "es"),
    ),
    T(
        "superb_hotel240",
        "currency",
        "en",
        ("Superb, your hotel for three nights comes to two hundred and forty euros.",),
        change=("changed_number", ("Superb, your hotel for three nights comes to two hundred and ninety euros.",)),
        head=("Superb", "Magnífico", "es"),
        word=("nights", "noches", "es"),
        es=("Magnífico, su hotel para tres noches sale a doscientos cuarenta euros.",),
    ),
    T(
        "badge7",
        "currency",
        "en",
        ("Frankly, a replacement badge costs only £7.", "We will post it to you tonight."),
        say=("Frankly, a replacement badge costs only seven pounds.", "We will post it to you tonight."),
        change=(
            "changed_number",
            ("Frankly, a replacement badge costs only nine pounds.", "We will post it to you tonight."),
        ),
        head=("Frankly", "Franchement", "fr"),
        fr=("Franchement, un badge de remplacement ne coûte que sept livres.", "Nous vous l'envoyons ce soir."),
    ),
    T(
        "coffee2490",
        "currency",
        "en",
        ("Your coffee subscription is twenty-four dollars ninety a month.",),
        change=("changed_number", ("Your coffee subscription is twenty-eight dollars ninety a month.",)),
        word=("coffee", "café", "fr"),
    ),
    # --- ordinals and dates -----------------------------------------------------------------
    T(
        "school_sep4",
        "ordinals",
        "en",
        ("The new school term starts on September 4th.",),
        say=("The new school term starts on September fourth.",),
        change=("changed_number", ("The new school term starts on September fourteenth.",)),
        word=("school", "école", "fr"),
    ),
    T(
        "oven_third",
        "ordinals",
        "en",
        ("Also, this is the third time the oven has been booked for a repair.",),
        change=("changed_number", ("Also, this is the fifth time the oven has been booked for a repair.",)),
        head=("Also", "También", "es"),
        word=("oven", "horno", "es"),
        es=("También, es la tercera vez que se pide una reparación del horno.",),
    ),
    T(
        "dentist_apr22",
        "ordinals",
        "en",
        ("Your check-up with the dentist is on the 22nd of April.",),
        say=("Your check-up with the dentist is on the twenty-second of April.",),
        change=("changed_number", ("Your check-up with the dentist is on the twenty-third of April.",)),
    ),
    T(
        "seventh_row",
        "ordinals",
        "en",
        ("Your places are in the seventh row, close to the stage.",),
        change=("changed_number", ("Your places are in the seventeenth row, close to the stage.",)),
        word=("stage", "scène", "fr"),
        es=("Sus asientos están en la séptima fila, cerca del escenario.",),
    ),
    # --- e-mail addresses and URLs said aloud -------------------------------------------------
    T(
        "email_greenleaf",
        "email",
        "en",
        ("Please return the signed lease to hello@greenleaf.io.",),
        say=("Please return the signed lease to hello at green leaf dot i o.",),
        phrase=("Please return the signed lease", "Renvoyez le bail signé", "fr"),
        word=("signed", "firmado", "es"),
    ),
    T(
        "email_berg",
        "email",
        "en",
        ("Generally, Anna replies from anna dot berg at harbourline dot net the same afternoon.",),
        change=(
            "changed_name",
            ("Generally, Anna replies from anna dot borg at harbourline dot net the same afternoon.",),
        ),
        head=("Generally", "Generalmente", "es"),
    ),
    T(
        "url_parkeasy",
        "url",
        "en",
        ("You can pay for parking online at parkeasy.com/visitors.",),
        say=("You can pay for parking online at park easy dot com slash visitors.",),
        word=("parking", "aparcamiento", "es"),
    ),
    T(
        "url_homecook",
        "url",
        "en",
        ("Hopefully, the full recipe is up on w w w dot homecook dot net slash soup.",),
        head=("Hopefully", "Ojalá", "es"),
        word=("recipe", "receta", "es"),
    ),
    # --- names and places ---------------------------------------------------------------------
    T(
        "teacher_okafor",
        "names_places",
        "en",
        ("Your daughter's teacher, Mr Okafor, will call you after class.",),
        change=("changed_name", ("Your daughter's teacher, Mr Adeyemi, will call you after class.",)),
        word=("teacher", "profesor", "es"),
        es=("El profesor de su hija, el señor Okafor, le llamará después de clase.",),
    ),
    T(
        "wardrobe_glasgow",
        "names_places",
        "en",
        ("The wardrobe will be sent from our depot in Glasgow.", "Expect it early next week."),
        change=(
            "changed_place",
            ("The wardrobe will be sent from our depot in Aberdeen.", "Expect it early next week."),
        ),
        word=("wardrobe", "armario", "es"),
        es=("El armario saldrá de nuestro almacén de Glasgow.", "Cuente con él a principios de la semana que viene."),
        fr=("L'armoire partira de notre dépôt de Glasgow.", "Comptez sur elle en début de semaine prochaine."),
    ),
    T(
        "meanwhile_lisbon",
        "names_places",
        "en",
        ("Meanwhile, your cousin's plane from Lisbon has landed safely.",),
        change=("changed_place", ("Meanwhile, your cousin's plane from Porto has landed safely.",)),
        head=("Meanwhile", "Entretanto", "es"),
        es=("Entretanto, el avión de su primo desde Lisboa ha aterrizado sin problemas.",),
    ),
    T(
        "officially_square",
        "names_places",
        "en",
        ("Officially, the market in Riverside Square reopens on Friday.",),
        change=("changed_place", ("Officially, the market in Castle Square reopens on Friday.",)),
        head=("Officially", "Oficialmente", "es"),
        word=("market", "marché", "fr"),
    ),
    # --- acronyms and spelled codes -----------------------------------------------------------
    T(
        "pin_sms",
        "acronyms",
        "en",
        ("The bank will send your new PIN by SMS within the hour.",),
    ),
    T(
        "technically_ceo",
        "acronyms",
        "en",
        ("Technically, the CEO answers the FAQ page questions every month.",),
        head=("Technically", "Techniquement", "fr"),
    ),
    T(
        "tv_hdmi",
        "acronyms",
        "en",
        ("Plug the TV into the HDMI port on the side of the set-top box.",),
    ),
    T(
        "claim_zt58m",
        "spelled_code",
        "en",
        ("Your claim reference is Z, T, five, eight, M.",),
        change=("changed_number", ("Your claim reference is Z, T, five, eight, N.",)),
        word=("claim", "reclamación", "es"),
    ),
    T(
        "spell_oyelaran",
        "spelled_code",
        "en",
        ("The name on the booking form is Oyelaran, O, Y, E, L, A, R, A, N.",),
        change=("changed_name", ("The name on the booking form is Olawale, O, L, A, W, A, L, E.",)),
    ),
    T(
        "gate_park7",
        "spelled_code",
        "en",
        ("The gate code for visitors is PARK7.",),
        say=("The gate code for visitors is P, A, R, K, seven.",),
    ),
    # --- one-word and short replies -------------------------------------------------------------
    T("cheers_ow", "one_word", "en", ("Cheers!",)),
    T("gotit_ow", "one_word", "en", ("Got it.",)),
    T("rightaway_ow", "one_word", "en", ("Right away.",)),
    T(
        "alternatively_curtains",
        "short_reply",
        "en",
        ("Alternatively, you can collect the curtains from the store on Saturday.",),
        head=("Alternatively", "Alternativement", "fr"),
        word=("curtains", "rideaux", "fr"),
        fr=("Sinon, vous pouvez retirer les rideaux au magasin samedi.",),
    ),
    T(
        "first_helmet",
        "short_reply",
        "en",
        ("First, make sure the helmet strap is tight under your chin.",),
        head=("First", "Primero", "es"),
        word=("helmet", "casco", "es"),
        es=("Primero, asegúrese de que la correa del casco quede bien ajustada bajo la barbilla.",),
    ),
    T(
        "otherwise_fridge",
        "short_reply",
        "en",
        ("Otherwise, the fridge can be delivered on Wednesday afternoon.", "Just let me know."),
        head=("Otherwise", "Sinon", "fr"),
        word=("fridge", "frigo", "fr"),
        es=("Si no, la nevera se puede entregar el miércoles por la tarde.", "Solo dígamelo."),
        fr=("Sinon, le frigo peut être livré mercredi après-midi.", "Dites-le-moi simplement."),
    ),
    T(
        "good_gloves",
        "short_reply",
        "en",
        ("Good, we have found your gloves at the front desk.",),
        head=("Good", "Bon", "fr"),
        word=("gloves", "guantes", "es"),
        es=("Bien, hemos encontrado sus guantes en la recepción.",),
    ),
    T(
        "lastly_mirror",
        "short_reply",
        "en",
        ("Lastly, the installer will hang the mirror above the sink.",),
        head=("Lastly", "Finalmente", "es"),
        word=("mirror", "espejo", "es"),
    ),
    T(
        "pillow_housekeeping",
        "short_reply",
        "en",
        ("I have asked for a softer pillow to be brought up.", "It should arrive in ten minutes."),
        phrase=("in ten minutes", "dans dix minutes", "fr"),
        word=("pillow", "almohada", "es"),
        es=("He pedido que le suban una almohada más blanda.", "Debería llegar en diez minutos."),
        fr=("J'ai demandé qu'on vous monte un oreiller plus moelleux.", "Il devrait arriver dans dix minutes."),
    ),
    T(
        "breakfast_terrace",
        "short_reply",
        "en",
        ("Your breakfast will be served on the terrace from half past seven.",),
        phrase=("on the terrace", "en la terraza", "es"),
        word=("breakfast", "desayuno", "es"),
    ),
    # --- long replies (about half a minute) -----------------------------------------------------
    T(
        "long_removal",
        "long_reply",
        "en",
        (
            "Your removal is booked for Saturday the twelfth, and the van will arrive between eight and nine.",
            "The team of three will wrap the furniture, take the beds apart, and load the boxes room by room.",
            "Please empty the freezer and switch it off the day before, so that it can travel upright.",
            "Anything fragile, like glass or china, is best packed by you, or we can do it for a small fee.",
            "Keeping a space clear outside both addresses is up to you, so please ask your neighbours.",
            "We will ring you the evening before with the driver's name.",
        ),
        change=(
            "changed_number",
            (
                "Your removal is booked for Saturday the nineteenth, and the van will arrive between eight and nine.",
                "The team of three will wrap the furniture, take the beds apart, and load the boxes room by room.",
                "Please empty the freezer and switch it off the day before, so that it can travel upright.",
                "Anything fragile, like glass or china, is best packed by you, or we can do it for a small fee.",
                "Keeping a space clear outside both addresses is up to you, so please ask your neighbours.",
                "We will ring you the evening before with the driver's name.",
            ),
        ),
        word=("furniture", "meubles", "fr"),
    ),
    T(
        "long_clinic",
        "long_reply",
        "en",
        (
            "Your visit to the Westbrook Clinic is on Thursday at twenty past two, with Doctor Hale.",
            "Please arrive ten minutes early and bring a list of anything you take, including vitamins.",
            "The clinic is on the first floor, above the chemist, and there is a ramp by the main door.",
            "If you need the blood test too, do not eat for eight hours before, but you may drink water.",
            "Spaces on the road outside are limited, so the number forty bus is easier.",
            "If you cannot come, please tell us the day before.",
        ),
        change=(
            "changed_name",
            (
                "Your visit to the Westbrook Clinic is on Thursday at twenty past two, with Doctor Hill.",
                "Please arrive ten minutes early and bring a list of anything you take, including vitamins.",
                "The clinic is on the first floor, above the chemist, and there is a ramp by the main door.",
                "If you need the blood test too, do not eat for eight hours before, but you may drink water.",
                "Spaces on the road outside are limited, so the number forty bus is easier.",
                "If you cannot come, please tell us the day before.",
            ),
        ),
        word=("vitamins", "vitaminas", "es"),
        es=(
            "Su visita a la clínica Westbrook es el jueves a las dos y veinte, con el doctor Hale.",
            "Llegue diez minutos antes y traiga una lista de todo lo que toma, vitaminas incluidas.",
            "La clínica está en la primera planta, encima de la farmacia, y hay una rampa junto a la puerta principal.",
            "Si también necesita el análisis de sangre, no coma nada en las ocho horas anteriores, pero puede "
            "beber agua.",
            "Hay pocas plazas en la calle, así que el autobús número cuarenta es más cómodo.",
            "Si no puede venir, avísenos el día antes.",
        ),
    ),
    T(
        "long_carhire",
        "long_reply",
        "en",
        (
            "Your hire car will be waiting at the desk in arrivals hall B from half past ten.",
            "Bring your driving licence, the bank card you paid with, and a second form of identity.",
            "The car comes with a full tank, and it should come back full, or we charge for the fuel.",
            "The cover includes the body of the car, but not the tyres, the windscreen or the roof.",
            "There is a small daily fee for each extra driver, paid at the desk.",
            "When you bring it back, drop the keys in the grey box beside the exit.",
        ),
        change=(
            "changed_number",
            (
                "Your hire car will be waiting at the desk in arrivals hall B from half past eleven.",
                "Bring your driving licence, the bank card you paid with, and a second form of identity.",
                "The car comes with a full tank, and it should come back full, or we charge for the fuel.",
                "The cover includes the body of the car, but not the tyres, the windscreen or the roof.",
                "There is a small daily fee for each extra driver, paid at the desk.",
                "When you bring it back, drop the keys in the grey box beside the exit.",
            ),
        ),
        word=("tank", "réservoir", "fr"),
    ),
    # --- Spanish replies ------------------------------------------------------------------------
    T(
        "es_valencia",
        "spanish",
        "es",
        ("El tren a Valencia llega con diez minutos de retraso.",),
        change=("changed_place", ("El tren a Alicante llega con diez minutos de retraso.",)),
        en_phrase=("con diez minutos de retraso", "ten minutes late"),
    ),
    T(
        "es_plaza8",
        "spanish_number",
        "es",
        ("Su plaza de aparcamiento es la 8.", "Está al lado del ascensor."),
        say=("Su plaza de aparcamiento es la ocho.", "Está al lado del ascensor."),
        change=("changed_number", ("Su plaza de aparcamiento es la dieciocho.", "Está al lado del ascensor.")),
        en_phrase=("Está al lado del ascensor.", "It is next to the lift."),
    ),
    T(
        "es_ramos",
        "spanish",
        "es",
        ("La doctora Ramos le atenderá el jueves por la mañana.",),
        change=("changed_name", ("La doctora Navarro le atenderá el jueves por la mañana.",)),
    ),
    T(
        "es_revision60",
        "spanish_number",
        "es",
        ("El importe de la revisión es de 60 euros.",),
        say=("El importe de la revisión es de sesenta euros.",),
        change=("changed_number", ("El importe de la revisión es de setenta euros.",)),
        en_phrase=("de sesenta euros", "sixty euros"),
    ),
    T("es_hierva", "spanish_homophone", "es", ("Deje que el agua hierva antes de añadir la pasta.",)),
    T("es_denada", "one_word", "es", ("De nada.",)),
    # --- French replies -------------------------------------------------------------------------
    T(
        "fr_nice",
        "french",
        "fr",
        ("Votre chambre à Nice est réservée pour trois nuits.",),
        change=("changed_place", ("Votre chambre à Cannes est réservée pour trois nuits.",)),
    ),
    T(
        "fr_billet32",
        "french",
        "fr",
        ("Le prix du billet est de 32 euros.",),
        say=("Le prix du billet est de trente-deux euros.",),
        change=("changed_number", ("Le prix du billet est de trente-six euros.",)),
    ),
    T(
        "fr_bernard",
        "french",
        "fr",
        ("Monsieur Bernard passera vendredi pour le devis.", "Il vous appellera avant de venir."),
        change=(
            "changed_name",
            ("Monsieur Bertrand passera vendredi pour le devis.", "Il vous appellera avant de venir."),
        ),
    ),
    T(
        "fr_portail4826",
        "french",
        "fr",
        ("Le code du portail est le 4826.",),
        say=("Le code du portail est le quatre, huit, deux, six.",),
        change=("changed_number", ("Le code du portail est le quatre, huit, deux, neuf.",)),
    ),
    T("fr_tresbien", "one_word", "fr", ("Très bien.",)),
)

#: Extra sentences a faulty reply adds (after the reply, or before it).
EXTRA: dict[str, tuple[str, ...]] = {
    "en": (
        "Our opening hours change slightly over the holidays.",
        "You can also reach us through the chat on our website.",
        "I have added a note to your file as well.",
    ),
    "es": ("Nuestro horario cambia un poco en verano.", "Le dejo una nota en su expediente."),
    "fr": ("Nos horaires changent un peu pendant les vacances.", "J'ajoute une note à votre dossier."),
}

#: The third sealed set's label shares and kind weights, the same objects (as the fourth set's), so that
#: the three sets measure the same mix: language drift 20 %, the two one-word kinds four turns each to
#: the other drift kinds' one, so that they make at least half of the drift clips.
LABEL_SHARE = SEALED3_LABEL_SHARE
KIND_WEIGHT = SEALED3_KIND_WEIGHT

SEALED5 = Table("sealed5", TEXTS, EXTRA, LABEL_SHARE, KIND_WEIGHT)
