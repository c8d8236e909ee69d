"""The fourth sealed text table: a second set rich in one-word code switches, in new words.

The third sealed set (texts_sealed3.py) has been measured, so it can no longer tell
whether a change made since generalizes to one-word switches. These texts were
written afresh, after that measurement, in the everyday customer-support style a
voice assistant speaks, with the third set's purposes, kinds and proportions and
texts.py's conventions (see its docstring): one `Text` per reply, `transcript` as
the service writes it, `say` where the engine is given another spoken form on
purpose, and the fault material faults.py needs. One-word switches are common: a
`head` word (English, and its Spanish or French equivalent) on about a quarter
of the texts and a `word` said in Spanish or French mid-sentence on about half.
No head and no switched word, English or foreign, is one that another table
switches (texts.py, texts_sealed.py, texts_sealed2.py, texts_sealed3.py, nor the
dev switch table texts_switch.py): a statistic that learnt a word cannot score it
here. The table asks the generator for the third set's mix, about 20 % language
drift, at least half of it one word (`label_share`, `kind_weight`). None is
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
        "laundry2906",
        "numbers_other_way",
        "en",
        ("Your pickup code for the laundry is 2906.",),
        say=("Your pickup code for the laundry is two, nine, zero, six.",),
        change=("changed_number", ("Your pickup code for the laundry is two, nine, zero, eight.",)),
        word=("laundry", "lavandería", "es"),
    ),
    T(
        "voucher71530",
        "numbers_other_way",
        "en",
        ("The voucher number on your receipt is 71530.",),
        say=("The voucher number on your receipt is seven, one, five, three, zero.",),
        change=("changed_number", ("The voucher number on your receipt is seven, one, five, eight, zero.",)),
        word=("receipt", "reçu", "fr"),
    ),
    T(
        "umbrellas4",
        "digits",
        "en",
        ("We found 4 umbrellas in the lost property office.", "Is yours the green one?"),
        change=("changed_number", ("We found 9 umbrellas in the lost property office.", "Is yours the green one?")),
        word=("umbrellas", "paraguas", "es"),
        es=("Encontramos cuatro paraguas en la oficina de objetos perdidos.", "¿El suyo es el verde?"),
        fr=("Nous avons trouvé quatre parapluies aux objets trouvés.", "Le vôtre est-il le vert ?"),
    ),
    T(
        "printjobs18",
        "digits",
        "en",
        ("Your office printer has 18 jobs waiting in the queue.",),
        change=("changed_number", ("Your office printer has 80 jobs waiting in the queue.",)),
        word=("queue", "cola", "es"),
        fr=("L'imprimante de votre bureau a dix-huit impressions en attente.",),
    ),
    T(
        "towels12",
        "number_words",
        "en",
        ("Housekeeping will bring twelve fresh towels to your suite.",),
        say=("Housekeeping will bring 12 fresh towels to your suite.",),
        change=("changed_number", ("Housekeeping will bring 20 fresh towels to your suite.",)),
        word=("towels", "serviettes", "fr"),
        es=("El servicio de limpieza le llevará doce toallas limpias a su suite.",),
    ),
    T(
        "minutes2400",
        "number_words",
        "en",
        ("Your mobile bundle includes two thousand four hundred minutes.",),
        say=("Your mobile bundle includes 2,400 minutes.",),
        change=("changed_number", ("Your mobile bundle includes 2,700 minutes.",)),
        word=("bundle", "forfait", "fr"),
    ),
    # --- times ----------------------------------------------------------------------------
    T(
        "ferry1120",
        "times",
        "en",
        ("Currently, the 11:20 ferry to the island is running twenty minutes behind.",),
        say=("Currently, the eleven twenty ferry to the island is running twenty minutes behind.",),
        change=(
            "changed_number",
            ("Currently, the eleven fifty ferry to the island is running twenty minutes behind.",),
        ),
        head=("Currently", "Actuellement", "fr"),
        word=("island", "isla", "es"),
        es=("Actualmente, el ferri de las once y veinte a la isla va con veinte minutos de retraso.",),
        fr=("Actuellement, le ferry de onze heures vingt pour l'île a vingt minutes de retard.",),
    ),
    T(
        "pharmacy830",
        "times",
        "en",
        ("The pharmacy on the corner opens at 8:30 on Sundays.",),
        say=("The pharmacy on the corner opens at eight thirty on Sundays.",),
        change=("changed_number", ("The pharmacy on the corner opens at nine thirty on Sundays.",)),
        word=("pharmacy", "farmacia", "es"),
        es=("La farmacia de la esquina abre a las ocho y media los domingos.",),
    ),
    T(
        "checkin_midnight",
        "times",
        "en",
        ("Online check-in closes at midnight, two days before departure.",),
        change=("changed_number", ("Online check-in closes at midnight, three days before departure.",)),
        word=("midnight", "minuit", "fr"),
        fr=("L'enregistrement en ligne ferme à minuit, deux jours avant le départ.",),
    ),
    # --- currency, symbols and words --------------------------------------------------------
    T(
        "deposit120",
        "currency",
        "en",
        ("Your deposit of $120 will be returned within five days.",),
        say=("Your deposit of one hundred and twenty dollars will be returned within five days.",),
        change=(
            "changed_number",
            ("Your deposit of one hundred and seventy dollars will be returned within five days.",),
        ),
        word=("deposit", "fianza", "es"),
        es=("Su fianza de ciento veinte dólares se le devolverá en cinco días.",),
    ),
    T(
        "lunch1450",
        "currency",
        "en",
        ("Splendid, your lunch for two comes to fourteen pounds fifty.",),
        change=("changed_number", ("Splendid, your lunch for two comes to forty pounds fifty.",)),
        head=("Splendid", "Espléndido", "es"),
        word=("lunch", "almuerzo", "es"),
        es=("Espléndido, su almuerzo para dos sale a catorce libras con cincuenta.",),
    ),
    T(
        "cancel15",
        "currency",
        "en",
        ("Cancelling now costs €15, and the rest is refunded.", "Shall I go ahead?"),
        say=("Cancelling now costs fifteen euros, and the rest is refunded.", "Shall I go ahead?"),
        change=("changed_number", ("Cancelling now costs fifty euros, and the rest is refunded.", "Shall I go ahead?")),
        word=("costs", "cuesta", "es"),
        es=("Cancelar ahora cuesta quince euros, y el resto se le reembolsa.", "¿Sigo adelante?"),
        fr=("Annuler maintenant coûte quinze euros, et le reste est remboursé.", "Je continue ?"),
    ),
    T(
        "upgrade300",
        "currency",
        "en",
        ("Honestly, the upgrade to business class is three hundred dollars more.",),
        change=("changed_number", ("Honestly, the upgrade to business class is four hundred dollars more.",)),
        head=("Honestly", "Honnêtement", "fr"),
        fr=("Honnêtement, le surclassement en classe affaires coûte trois cents dollars de plus.",),
    ),
    # --- ordinals and dates -----------------------------------------------------------------
    T(
        "cake_june9",
        "ordinals",
        "en",
        ("The cake for the wedding is booked for June 9th.",),
        say=("The cake for the wedding is booked for June ninth.",),
        change=("changed_number", ("The cake for the wedding is booked for June nineteenth.",)),
        word=("cake", "gâteau", "fr"),
    ),
    T(
        "line_fourth",
        "ordinals",
        "en",
        ("Now, you are fourth in line for the next available agent.",),
        change=("changed_number", ("Now, you are fourteenth in line for the next available agent.",)),
        head=("Now", "Ahora", "es"),
        es=("Ahora, es usted el cuarto en la cola para el próximo agente disponible.",),
    ),
    T(
        "renews_march1",
        "ordinals",
        "en",
        ("Your home insurance renews on the 1st of March.",),
        say=("Your home insurance renews on the first of March.",),
        change=("changed_number", ("Your home insurance renews on the third of March.",)),
        word=("insurance", "seguro", "es"),
    ),
    T(
        "twelfth_floor",
        "ordinals",
        "en",
        ("Please take the lift to the twelfth floor, and reception is on your right.",),
        change=("changed_number", ("Please take the lift to the eleventh floor, and reception is on your right.",)),
        word=("lift", "ascenseur", "fr"),
        es=("Tome el ascensor hasta la planta doce, y la recepción está a su derecha.",),
    ),
    # --- e-mail addresses and URLs said aloud -------------------------------------------------
    T(
        "email_brightmove",
        "email",
        "en",
        ("Please email the photos to claims@brightmove.co.",),
        say=("Please email the photos to claims at bright move dot co.",),
        phrase=("Please email the photos", "Veuillez envoyer les photos par e-mail", "fr"),
        word=("photos", "fotografías", "es"),
    ),
    T(
        "email_riverside",
        "email",
        "en",
        ("Normally, you will hear from bookings at riverside dental dot com within an hour.",),
        change=(
            "changed_name",
            ("Normally, you will hear from bookings at riverbend dental dot com within an hour.",),
        ),
        head=("Normally", "Normalmente", "es"),
    ),
    T(
        "email_ruiz",
        "email",
        "en",
        ("You can write to Marta directly at m dot ruiz at northgate dot edu.",),
        change=("changed_name", ("You can write to Marta directly at m dot ortiz at northgate dot edu.",)),
        word=("directly", "directement", "fr"),
    ),
    T(
        "url_fixit",
        "url",
        "en",
        ("You can track the repair at fixit.com/status.",),
        say=("You can track the repair at fix it dot com slash status.",),
        word=("track", "seguir", "es"),
    ),
    T(
        "url_oakfield",
        "url",
        "en",
        ("Apparently, the new opening times are only on w w w dot oakfield dot org slash hours.",),
        head=("Apparently", "Apparemment", "fr"),
    ),
    # --- names and places ---------------------------------------------------------------------
    T(
        "nurse_fatima",
        "names_places",
        "en",
        ("Your nurse today is Fatima, and she will be with you shortly.",),
        change=("changed_name", ("Your nurse today is Amira, and she will be with you shortly.",)),
        word=("nurse", "enfermera", "es"),
        es=("Su enfermera hoy es Fátima, y enseguida estará con usted.",),
    ),
    T(
        "laptop_denver",
        "names_places",
        "en",
        ("The replacement laptop ships from our warehouse in Denver.", "It should reach you by Friday."),
        change=(
            "changed_place",
            ("The replacement laptop ships from our warehouse in Dallas.", "It should reach you by Friday."),
        ),
        word=("laptop", "portátil", "es"),
        es=("El portátil de sustitución sale de nuestro almacén de Denver.", "Debería llegarle el viernes."),
        fr=("L'ordinateur de remplacement part de notre entrepôt de Denver.", "Il devrait vous parvenir vendredi."),
    ),
    T(
        "novak_glasses",
        "names_places",
        "en",
        ("Marvellous, Mrs Novak, your new glasses are ready to collect.", "The shop closes at five."),
        change=(
            "changed_name",
            ("Marvellous, Mrs Kowalski, your new glasses are ready to collect.", "The shop closes at five."),
        ),
        head=("Marvellous", "Merveilleux", "fr"),
        word=("glasses", "lunettes", "fr"),
        es=("Maravilloso, señora Novak, sus gafas nuevas ya se pueden recoger.", "La tienda cierra a las cinco."),
        fr=("Merveilleux, madame Novak, vos nouvelles lunettes sont prêtes.", "Le magasin ferme à cinq heures."),
    ),
    T(
        "bristol",
        "names_places",
        "en",
        ("Our nearest showroom is in Bristol, opposite the cathedral.",),
        change=("changed_place", ("Our nearest showroom is in Exeter, opposite the cathedral.",)),
        fr=("Notre salle d'exposition la plus proche est à Bristol, en face de la cathédrale.",),
    ),
    T(
        "tanaka",
        "names_places",
        "en",
        ("Definitely, Miss Tanaka will call you back before noon.",),
        change=("changed_name", ("Definitely, Miss Nakamura will call you back before noon.",)),
        head=("Definitely", "Definitivamente", "es"),
    ),
    # --- acronyms and spelled codes -----------------------------------------------------------
    T(
        "it_vpn",
        "acronyms",
        "en",
        ("The IT desk will reset your VPN access by the end of the day.",),
        word=("day", "journée", "fr"),
    ),
    T(
        "gp_nhs",
        "acronyms",
        "en",
        ("Your GP has sent the prescription to the NHS app.",),
        word=("prescription", "ordonnance", "fr"),
    ),
    T(
        "atm_bridge",
        "acronyms",
        "en",
        ("Well, the ATM on Bridge Road is out of service until Monday.",),
        head=("Well", "Pues", "es"),
        es=("Pues, el cajero de Bridge Road está fuera de servicio hasta el lunes.",),
    ),
    T(
        "booking_kp39w",
        "spelled_code",
        "en",
        ("Your booking reference is K, P, three, nine, W.",),
        change=("changed_number", ("Your booking reference is K, P, three, nine, V.",)),
        word=("booking", "reserva", "es"),
    ),
    T(
        "spell_quigley",
        "spelled_code",
        "en",
        ("The surname we have is Quigley, Q, U, I, G, L, E, Y.",),
        change=("changed_name", ("The surname we have is Keeley, K, E, E, L, E, Y.",)),
    ),
    T(
        "wifi_guest42",
        "spelled_code",
        "en",
        ("The Wi-Fi code for guests is GUEST42.",),
        say=("The Wi-Fi code for guests is G, U, E, S, T, four, two.",),
    ),
    # --- one-word and short replies -------------------------------------------------------------
    T("sorted_ow", "one_word", "en", ("Sorted.",)),
    T("anytime_ow", "one_word", "en", ("Anytime!",)),
    T("lovely_ow", "one_word", "en", ("Lovely.",)),
    T("willdo_ow", "one_word", "en", ("Will do.",)),
    T(
        "so_plumber",
        "short_reply",
        "en",
        ("So, the plumber will come on Tuesday between two and four.",),
        head=("So", "Donc", "fr"),
        word=("plumber", "fontanero", "es"),
        fr=("Donc, le plombier viendra mardi entre deux et quatre heures.",),
    ),
    T(
        "fantastic_bike",
        "short_reply",
        "en",
        ("Fantastic, your bike has passed its safety check.",),
        head=("Fantastic", "Fantástico", "es"),
        word=("bike", "vélo", "fr"),
        es=("Fantástico, su bicicleta ha pasado la revisión de seguridad.",),
    ),
    T(
        "no_mattress",
        "short_reply",
        "en",
        ("No, the mattress cannot be returned once it is unwrapped.", "I can offer a discount on a new one."),
        head=("No", "Non", "fr"),
        word=("mattress", "colchón", "es"),
        es=("No, el colchón no se puede devolver una vez desembalado.", "Puedo ofrecerle un descuento en uno nuevo."),
        fr=(
            "Non, le matelas ne peut pas être repris une fois déballé.",
            "Je peux vous proposer une remise sur un neuf.",
        ),
    ),
    T(
        "tomorrow_kitchen",
        "short_reply",
        "en",
        ("Tomorrow, the fitter will bring the new worktop for your kitchen.",),
        head=("Tomorrow", "Mañana", "es"),
        word=("kitchen", "cuisine", "fr"),
        es=("Mañana, el montador le traerá la encimera nueva para su cocina.",),
    ),
    T(
        "then_battery",
        "short_reply",
        "en",
        ("Then, once the battery is charged, hold the button for ten seconds.",),
        head=("Then", "Ensuite", "fr"),
        word=("seconds", "segundos", "es"),
        fr=("Ensuite, une fois la batterie chargée, maintenez le bouton dix secondes.",),
    ),
    T(
        "clearly_charger",
        "short_reply",
        "en",
        ("Clearly, the charger in the box was the wrong model.", "A new one is on its way."),
        head=("Clearly", "Claramente", "es"),
        word=("charger", "cargador", "es"),
        es=("Claramente, el cargador de la caja era el modelo equivocado.", "Ya le enviamos uno nuevo."),
        fr=("Clairement, le chargeur dans la boîte n'était pas le bon modèle.", "Un nouveau est en route."),
    ),
    T(
        "today_holiday",
        "short_reply",
        "en",
        ("Today, our call centre is closed for the bank holiday.",),
        head=("Today", "Aujourd'hui", "fr"),
        fr=("Aujourd'hui, notre centre d'appels est fermé pour le jour férié.",),
    ),
    T(
        "dinner_moved",
        "short_reply",
        "en",
        ("I have moved your dinner booking to half past eight.", "They will hold it for fifteen minutes."),
        phrase=("to half past eight", "à vingt heures trente", "fr"),
        word=("dinner", "cena", "es"),
        es=("He pasado su reserva de la cena a las ocho y media.", "Se la guardarán quince minutos."),
        fr=("J'ai déplacé votre réservation du dîner à huit heures et demie.", "Ils la garderont quinze minutes."),
    ),
    T(
        "flowers_neighbour",
        "short_reply",
        "en",
        ("Your neighbour signed for the flowers this afternoon.",),
        phrase=("this afternoon", "esta tarde", "es"),
        word=("flowers", "fleurs", "fr"),
    ),
    T(
        "passport_copy",
        "short_reply",
        "en",
        ("Please bring your passport and a printed copy of the itinerary.",),
        word=("passport", "pasaporte", "es"),
        fr=("Merci d'apporter votre passeport et une copie imprimée de l'itinéraire.",),
    ),
    T(
        "blanket_cabin",
        "short_reply",
        "en",
        ("The extra blanket you asked for is on its way to your cabin.",),
        word=("blanket", "manta", "es"),
    ),
    # --- long replies (about half a minute) -----------------------------------------------------
    T(
        "long_broadband",
        "long_reply",
        "en",
        (
            "Your broadband will move to your new address on the fourteenth of this month.",
            "That day, the old line stops working at about nine, and the new one should be live by five.",
            "Take your router with you, plug it into the main phone socket, and wait for the light to turn white.",
            "If the light stays orange for more than an hour, restart it once and then give us a call.",
            "Your monthly charge stays the same, and there is nothing to pay for the move.",
            "We will send you a text when the work at the exchange is finished.",
        ),
        change=(
            "changed_number",
            (
                "Your broadband will move to your new address on the fourth of this month.",
                "That day, the old line stops working at about nine, and the new one should be live by five.",
                "Take your router with you, plug it into the main phone socket, and wait for the light to turn white.",
                "If the light stays orange for more than an hour, restart it once and then give us a call.",
                "Your monthly charge stays the same, and there is nothing to pay for the move.",
                "We will send you a text when the work at the exchange is finished.",
            ),
        ),
        word=("socket", "enchufe", "es"),
        es=(
            "Su banda ancha pasará a su nueva dirección el día catorce de este mes.",
            "Ese día, la línea antigua deja de funcionar hacia las nueve, y la nueva debería estar activa a las cinco.",
            "Llévese el router, conéctelo a la toma principal y espere a que la luz se ponga blanca.",
            "Si la luz sigue naranja más de una hora, reinícielo una vez y luego llámenos.",
            "Su cuota mensual no cambia, y el traslado no tiene ningún coste.",
            "Le enviaremos un mensaje cuando termine el trabajo en la central.",
        ),
    ),
    T(
        "long_collection",
        "long_reply",
        "en",
        (
            "We have booked the collection of your washing machine for Monday.",
            "The courier, Northline, will arrive between seven and eleven and will text you an hour before.",
            "Please disconnect it from the water and the power the night before, and leave the door open "
            "so the drum can dry.",
            "The crew cannot carry it up or down stairs, so it needs to be on the ground floor or near a lift.",
            "Once it reaches our depot, we will check it and refund you within ten working days.",
            "You do not need the original packaging.",
        ),
        change=(
            "changed_name",
            (
                "We have booked the collection of your washing machine for Monday.",
                "The courier, Westway, will arrive between seven and eleven and will text you an hour before.",
                "Please disconnect it from the water and the power the night before, and leave the door open "
                "so the drum can dry.",
                "The crew cannot carry it up or down stairs, so it needs to be on the ground floor or near a lift.",
                "Once it reaches our depot, we will check it and refund you within ten working days.",
                "You do not need the original packaging.",
            ),
        ),
        word=("drum", "tambour", "fr"),
        fr=(
            "Nous avons programmé l'enlèvement de votre lave-linge pour lundi.",
            "Le transporteur, Northline, passera entre sept et onze heures et vous enverra un SMS une heure avant.",
            "Merci de le débrancher de l'eau et du courant la veille, et de laisser la porte ouverte "
            "pour que le tambour sèche.",
            "L'équipe ne peut pas le porter dans les escaliers : il doit être au rez-de-chaussée ou près d'un "
            "ascenseur.",
            "Une fois arrivé à notre dépôt, nous le vérifierons et vous rembourserons sous dix jours ouvrés.",
            "Vous n'avez pas besoin de l'emballage d'origine.",
        ),
    ),
    T(
        "long_lodge",
        "long_reply",
        "en",
        (
            "Check-in at the Lakeside Lodge starts at three in the afternoon, and your room is on the second floor.",
            "Breakfast is served from seven until ten in the garden restaurant, and it is included in your rate.",
            "The spa and the indoor pool are open until nine in the evening, and towels are provided at the door.",
            "If you arrive after midnight, use the side entrance and the night porter will let you in.",
            "Parking is free for guests, in the lot behind the main building.",
            "We look forward to welcoming you.",
        ),
        change=(
            "changed_number",
            (
                "Check-in at the Lakeside Lodge starts at four in the afternoon, and your room is on the second floor.",
                "Breakfast is served from seven until ten in the garden restaurant, and it is included in your rate.",
                "The spa and the indoor pool are open until nine in the evening, and towels are provided at the door.",
                "If you arrive after midnight, use the side entrance and the night porter will let you in.",
                "Parking is free for guests, in the lot behind the main building.",
                "We look forward to welcoming you.",
            ),
        ),
    ),
    # --- Spanish replies ------------------------------------------------------------------------
    T(
        "es_maleta",
        "spanish",
        "es",
        ("Su maleta llegará en el próximo vuelo.", "Se la llevaremos al hotel esta noche."),
        change=(
            "changed_place",
            ("Su maleta llegará en el próximo vuelo.", "Se la llevaremos a la oficina esta noche."),
        ),
        en_phrase=("Se la llevaremos al hotel esta noche.", "We will bring it to your hotel tonight."),
    ),
    T(
        "es_anden9",
        "spanish_number",
        "es",
        ("El tren a Sevilla sale del andén 9.",),
        say=("El tren a Sevilla sale del andén nueve.",),
        change=("changed_number", ("El tren a Sevilla sale del andén once.",)),
        en_phrase=("del andén nueve", "from platform nine"),
    ),
    T(
        "es_castillo",
        "spanish",
        "es",
        ("El señor Castillo pasará a recoger las llaves mañana.",),
        change=("changed_name", ("El señor Herrera pasará a recoger las llaves mañana.",)),
    ),
    T(
        "es_malaga",
        "spanish",
        "es",
        ("La furgoneta sale de Málaga el jueves.",),
        change=("changed_place", ("La furgoneta sale de Córdoba el jueves.",)),
        en_phrase=("el jueves", "on Thursday"),
    ),
    T(
        "es_agua75",
        "spanish_number",
        "es",
        ("Su recibo del agua es de 75 euros.",),
        say=("Su recibo del agua es de setenta y cinco euros.",),
        change=("changed_number", ("Su recibo del agua es de setenta y ocho euros.",)),
    ),
    T("es_hecho", "spanish_homophone", "es", ("Ya he hecho el cambio, y ahí tiene el número nuevo.",)),
    T("es_enseguida", "one_word", "es", ("Enseguida.",)),
    # --- French replies -------------------------------------------------------------------------
    T(
        "fr_lille",
        "french",
        "fr",
        ("Votre colis sera livré jeudi à Lille.",),
        change=("changed_place", ("Votre colis sera livré jeudi à Nantes.",)),
    ),
    T(
        "fr_tarif45",
        "french",
        "fr",
        ("Le tarif réduit est de 45 euros.",),
        say=("Le tarif réduit est de quarante-cinq euros.",),
        change=("changed_number", ("Le tarif réduit est de cinquante-cinq euros.",)),
    ),
    T(
        "fr_girard",
        "french",
        "fr",
        ("Madame Girard vous rappellera demain.", "Gardez votre portable allumé."),
        change=("changed_name", ("Madame Garnier vous rappellera demain.", "Gardez votre portable allumé.")),
    ),
    T(
        "fr_digicode3907",
        "french",
        "fr",
        ("Le digicode de l'immeuble est le 3907.",),
        say=("Le digicode de l'immeuble est le trois, neuf, zéro, sept.",),
        change=("changed_number", ("Le digicode de l'immeuble est le trois, neuf, zéro, un.",)),
    ),
    T("fr_avecplaisir", "one_word", "fr", ("Avec plaisir !",)),
)

#: Extra sentences a faulty reply adds (after the reply, or before it).
EXTRA: dict[str, tuple[str, ...]] = {
    "en": (
        "By the way, our app now lets you chat with us at any hour.",
        "Parking at the store is free on weekends.",
        "I have also updated your contact details.",
    ),
    "es": ("Además, nuestra oficina abre también los sábados.", "Le mando la confirmación por mensaje."),
    "fr": ("Au fait, notre boutique ouvre aussi le dimanche.", "Je vous envoie la confirmation par SMS."),
}

#: The third sealed set's label shares and kind weights, the same objects, so that the two sets measure
#: the same mix: language drift 20 %, the two one-word kinds four turns each to the other drift kinds'
#: one, so that they make at least half of the drift clips.
LABEL_SHARE = SEALED3_LABEL_SHARE
KIND_WEIGHT = SEALED3_KIND_WEIGHT

SEALED4 = Table("sealed4", TEXTS, EXTRA, LABEL_SHARE, KIND_WEIGHT)
