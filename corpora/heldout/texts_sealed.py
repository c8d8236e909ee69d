"""The sealed text table: replies nobody has looked at errors on, measured once at the end.

texts.py is development material now (its errors were read and the normalisation
changed because of them). These texts were written afresh for the same
purposes and follow texts.py's conventions exactly (see its docstring): one
`Text` per reply, `transcript` as the service writes it, `say` where the engine
is given another spoken form on purpose, and the fault material faults.py needs,
in about texts.py's proportions. None is tagged "known": the known-pattern pass
names dev texts and applies only to them.

Do not tune anything on clips made from this table, and do not edit a text
after a measurement on it: a changed text is a new text, and a new id.
"""

from __future__ import annotations

from corpora.heldout.texts import Table, Text

T = Text
TEXTS: tuple[Text, ...] = (
    # --- digits and number words, both ways -------------------------------------------------
    T(
        "pin8306",
        "numbers_other_way",
        "en",
        ("Your new PIN is 8306.",),
        say=("Your new PIN is eight, three, zero, six.",),
        change=("changed_number", ("Your new PIN is eight, three, zero, nine.",)),
    ),
    T(
        "account7731",
        "numbers_other_way",
        "en",
        ("The account ending in 7731 is now closed.", "Is that the one you meant?"),
        say=("The account ending in seven seven three one is now closed.", "Is that the one you meant?"),
        change=(
            "changed_number",
            ("The account ending in seven seven three four is now closed.", "Is that the one you meant?"),
        ),
        es=("La cuenta que termina en siete siete tres uno ya está cerrada.", "¿Es la que usted quería?"),
        fr=("Le compte qui se termine par sept sept trois un est maintenant fermé.", "Est-ce bien celui-là ?"),
    ),
    T(
        "gate_b12",
        "digits",
        "en",
        ("Boarding starts at gate B12 in twenty minutes.",),
        say=("Boarding starts at gate B twelve in twenty minutes.",),
        change=("changed_number", ("Boarding starts at gate B fourteen in twenty minutes.",)),
        fr=("L'embarquement commence porte B douze dans vingt minutes.",),
    ),
    T(
        "tickets2",
        "digits",
        "en",
        ("I have put 2 tickets aside for you.", "Please collect them at the box office."),
        change=("changed_number", ("I have put 6 tickets aside for you.", "Please collect them at the box office.")),
        phrase=("at the box office", "en la taquilla", "es"),
        es=("Le he guardado dos entradas.", "Por favor, recójalas en la taquilla."),
        fr=("Je vous ai mis deux billets de côté.", "Merci de les retirer au guichet."),
    ),
    T(
        "guests25",
        "number_words",
        "en",
        ("The garden room seats twenty-five guests at most.",),
        say=("The garden room seats 25 guests at most.",),
        change=("changed_number", ("The garden room seats 45 guests at most.",)),
        fr=("La salle du jardin accueille vingt-cinq invités au maximum.",),
    ),
    T(
        "miles1200",
        "number_words",
        "en",
        ("The drive is roughly one thousand two hundred miles.",),
        say=("The drive is roughly 1,200 miles.",),
        change=("changed_number", ("The drive is roughly 1,700 miles.",)),
    ),
    # --- times ----------------------------------------------------------------------------
    T(
        "time_1145",
        "times",
        "en",
        ("Your table will be ready at 11:45.",),
        say=("Your table will be ready at eleven forty-five.",),
        change=("changed_number", ("Your table will be ready at eleven fifteen.",)),
        es=("Su mesa estará lista a las doce menos cuarto.",),
    ),
    T(
        "time_window",
        "times",
        "en",
        ("The engineer will come between 1 and 3 PM.", "You will get a text when he is close."),
        say=("The engineer will come between one and three P M.", "You will get a text when he is close."),
        change=(
            "changed_number",
            ("The engineer will come between two and four P M.", "You will get a text when he is close."),
        ),
        es=("El técnico vendrá entre la una y las tres.", "Recibirá un mensaje cuando esté cerca."),
        fr=("Le technicien passera entre treize et quinze heures.", "Vous recevrez un message quand il sera proche."),
    ),
    T(
        "checkout",
        "times",
        "en",
        ("Check-out is at 10:15 on Sunday.",),
        say=("Check-out is at ten fifteen on Sunday.",),
        change=("changed_name", ("Check-out is at ten fifteen on Saturday.",)),
        fr=("Le départ est à dix heures et quart dimanche.",),
    ),
    # --- currency, symbols and words --------------------------------------------------------
    T(
        "fee499",
        "currency",
        "en",
        ("There is a $4.99 delivery charge on this order.",),
        say=("There is a four dollars and ninety-nine cents delivery charge on this order.",),
        change=("changed_number", ("There is a nine dollars and ninety-nine cents delivery charge on this order.",)),
        es=("Este pedido tiene un cargo de envío de cuatro dólares con noventa y nueve.",),
    ),
    T(
        "deposit200",
        "currency",
        "en",
        ("We have received your deposit of €200.", "Your booking is now secured."),
        say=("We have received your deposit of two hundred euros.", "Your booking is now secured."),
        change=(
            "changed_number",
            ("We have received your deposit of three hundred euros.", "Your booking is now secured."),
        ),
        es=("Hemos recibido su depósito de doscientos euros.", "Su reserva ya está asegurada."),
        fr=("Nous avons bien reçu votre acompte de deux cents euros.", "Votre réservation est confirmée."),
    ),
    T(
        "rent850",
        "currency",
        "en",
        ("Your monthly rent comes to eight hundred and fifty pounds.",),
        say=("Your monthly rent comes to 850 pounds.",),
        change=("changed_number", ("Your monthly rent comes to 650 pounds.",)),
    ),
    T(
        "credit32",
        "currency",
        "en",
        ("A credit of thirty-two dollars and ten cents has been applied.",),
        change=("changed_number", ("A credit of twenty-two dollars and ten cents has been applied.",)),
    ),
    # --- ordinals and dates -----------------------------------------------------------------
    T(
        "row12",
        "ordinals",
        "en",
        ("Your seats are in the twelfth row, on the aisle.",),
        change=("changed_number", ("Your seats are in the twentieth row, on the aisle.",)),
        fr=("Vos places sont au douzième rang, côté allée.",),
    ),
    T(
        "oct3",
        "ordinals",
        "en",
        ("Your membership renews on October 3rd.",),
        say=("Your membership renews on October third.",),
        change=("changed_number", ("Your membership renews on October thirteenth.",)),
    ),
    T(
        "invoice_date",
        "ordinals",
        "en",
        ("The invoice is dated 14 February 2027.",),
        say=("The invoice is dated the fourteenth of February, twenty twenty-seven.",),
        change=("changed_number", ("The invoice is dated the fourth of February, twenty twenty-seven.",)),
    ),
    T(
        "second_wed",
        "ordinals",
        "en",
        ("The next collection is on the second Wednesday of the month.",),
        change=("changed_name", ("The next collection is on the second Thursday of the month.",)),
        es=("La próxima recogida es el segundo miércoles del mes.",),
    ),
    # --- e-mail addresses and URLs said aloud -------------------------------------------------
    T(
        "email_claims",
        "email",
        "en",
        ("Send the photos to claims@harbor-insure.com.",),
        say=("Send the photos to claims at harbor insure dot com.",),
        phrase=("Send the photos to", "Envoyez les photos à", "fr"),
    ),
    T(
        "email_ortiz",
        "email",
        "en",
        ("You can write to me at j dot ortiz at northwind dot com.",),
        change=("changed_name", ("You can write to me at j dot ortega at northwind dot com.",)),
    ),
    T("email_priya", "email", "en", ("My colleague is on priya underscore n at fastmail dot net.",)),
    T(
        "url_terms",
        "url",
        "en",
        ("The full terms are at acme.io/terms.",),
        say=("The full terms are at acme dot i o slash terms.",),
    ),
    T(
        "url_returns",
        "url",
        "en",
        ("Just go to help dot parcelnet dot co dot uk and choose returns.",),
        phrase=("and choose returns", "y elija devoluciones", "es"),
    ),
    # --- names and places ---------------------------------------------------------------------
    T(
        "nurse",
        "names_places",
        "en",
        ("Nurse Okafor will phone you before your visit.",),
        change=("changed_name", ("Nurse Okoro will phone you before your visit.",)),
        fr=("L'infirmière Okafor vous appellera avant votre visite.",),
    ),
    T(
        "seattle",
        "names_places",
        "en",
        ("Your connecting flight leaves from Seattle.", "The layover is just under two hours."),
        change=(
            "changed_place",
            ("Your connecting flight leaves from Portland.", "The layover is just under two hours."),
        ),
        es=("Su vuelo de conexión sale de Seattle.", "La escala dura algo menos de dos horas."),
        fr=("Votre vol de correspondance part de Seattle.", "L'escale dure un peu moins de deux heures."),
    ),
    T(
        "elm_street",
        "names_places",
        "en",
        ("You are booked at the Riverside Inn on Elm Street.",),
        change=("changed_place", ("You are booked at the Riverside Inn on Oak Street.",)),
        es=("Tiene una reserva en el hotel Riverside de la calle Elm.",),
    ),
    T(
        "liam",
        "names_places",
        "en",
        ("My name is Liam, and I will be handling your claim from now on.",),
        change=("changed_name", ("My name is Noah, and I will be handling your claim from now on.",)),
    ),
    T(
        "toronto",
        "names_places",
        "en",
        ("The store in Toronto still has two in stock.",),
        change=("changed_place", ("The store in Ottawa still has two in stock.",)),
    ),
    # --- acronyms and spelled codes -----------------------------------------------------------
    T(
        "vin",
        "acronyms",
        "en",
        ("Please read me the VIN from the registration card.",),
        phrase=("Please read me", "Por favor, léame", "es"),
    ),
    T("faq_api", "acronyms", "en", ("The FAQ explains the API limits for each plan.",)),
    T("usb_hdmi", "acronyms", "en", ("The kit includes a USB charger and an HDMI cable.",)),
    T(
        "voucher",
        "spelled_code",
        "en",
        ("Your voucher code is M4R8T.",),
        say=("Your voucher code is M, four, R, eight, T.",),
        change=("changed_number", ("Your voucher code is M, four, R, eight, P.",)),
    ),
    T(
        "schmidt",
        "spelled_code",
        "en",
        ("That is Schmidt, spelled S, C, H, M, I, D, T.",),
        change=("changed_name", ("That is Schmitt, spelled S, C, H, M, I, T, T.",)),
    ),
    T("plate", "spelled_code", "en", ("The plate number is X, J, five, zero, L.",)),
    # --- one-word and short replies -------------------------------------------------------------
    T("okay", "one_word", "en", ("Okay.",)),
    T("correct", "one_word", "en", ("Correct.",)),
    T("absolutely", "one_word", "en", ("Absolutely!",)),
    T("goodbye", "one_word", "en", ("Goodbye.",)),
    T(
        "right",
        "short_reply",
        "en",
        ("Right, the charger is covered by the warranty.",),
        head=("Right", "Vale", "es"),
        es=("Vale, el cargador está cubierto por la garantía.",),
        fr=("D'accord, le chargeur est couvert par la garantie.",),
    ),
    T(
        "great",
        "short_reply",
        "en",
        ("Great, your refund has been approved.", "You should see it within a week."),
        head=("Great", "Génial", "fr"),
        es=("Genial, su reembolso ha sido aprobado.", "Debería verlo en una semana."),
        fr=("Génial, votre remboursement a été approuvé.", "Vous devriez le voir d'ici une semaine."),
    ),
    T(
        "done",
        "short_reply",
        "en",
        ("Done, your address has been updated.",),
        head=("Done", "Listo", "es"),
        es=("Listo, su dirección ha sido actualizada.",),
    ),
    T(
        "certainly",
        "short_reply",
        "en",
        ("Certainly, I will transfer you to a specialist.",),
        head=("Certainly", "Certainement", "fr"),
        fr=("Certainement, je vous transfère à un spécialiste.",),
    ),
    T(
        "correct_paid",
        "short_reply",
        "en",
        ("Correct, the payment went through on Tuesday.",),
        head=("Correct", "Correcto", "es"),
        change=("changed_name", ("Correct, the payment went through on Thursday.",)),
    ),
    T(
        "hold",
        "short_reply",
        "en",
        ("I am going to put you on hold for a moment.", "Please stay on the line."),
        phrase=("for a moment", "un momento", "es"),
        es=("Voy a ponerle en espera un momento.", "Por favor, no cuelgue."),
        fr=("Je vais vous mettre en attente un instant.", "Merci de rester en ligne."),
    ),
    T(
        "cancelled",
        "short_reply",
        "en",
        ("Your subscription has been cancelled.", "You will not be charged again."),
        phrase=("charged again", "facturé à nouveau", "fr"),
        es=("Su suscripción ha sido cancelada.", "No se le volverá a cobrar."),
        fr=("Votre abonnement a été résilié.", "Vous ne serez plus facturé."),
    ),
    # --- long replies (about half a minute) -----------------------------------------------------
    T(
        "long_claim",
        "long_reply",
        "en",
        (
            "I have opened a claim for the damaged parcel.",
            "The reference is on its way to your inbox, together with a short form about the contents.",
            "Once you send back the form and two photos of the box, an assessor will review everything within "
            "five working days.",
            "If the claim is approved, the money goes back to the card you paid with.",
            "You do not need to return the parcel unless we ask for it.",
            "Would you like a copy of the claim by e-mail as well?",
        ),
        change=(
            "changed_number",
            (
                "I have opened a claim for the damaged parcel.",
                "The reference is on its way to your inbox, together with a short form about the contents.",
                "Once you send back the form and two photos of the box, an assessor will review everything within "
                "nine working days.",
                "If the claim is approved, the money goes back to the card you paid with.",
                "You do not need to return the parcel unless we ask for it.",
                "Would you like a copy of the claim by e-mail as well?",
            ),
        ),
    ),
    T(
        "long_move",
        "long_reply",
        "en",
        (
            "Moving your internet service to the new flat is straightforward.",
            "Your current line stays active until the morning of the move, so you are never without a connection "
            "for long.",
            "An engineer will visit the new address in the afternoon to connect the router and test the speed.",
            "Someone over eighteen has to be there to let them in.",
            "There is no charge for the visit, and your monthly price stays the same.",
            "Shall I go ahead and book it?",
        ),
        es=(
            "Trasladar su servicio de internet al piso nuevo es sencillo.",
            "Su línea actual sigue activa hasta la mañana de la mudanza, así que casi no se quedará sin conexión.",
            "Un técnico irá a la nueva dirección por la tarde para conectar el router y medir la velocidad.",
            "Tiene que haber alguien mayor de edad para abrirle.",
            "La visita no tiene coste y su cuota mensual no cambia.",
            "¿Quiere que la reserve ya?",
        ),
    ),
    T(
        "long_trip",
        "long_reply",
        "en",
        (
            "Your trip starts with an early train from Brussels on Friday.",
            "You change in Lille, where you have forty minutes to catch the connection to Bordeaux.",
            "The hotel is a short walk from the station, and breakfast is included every morning.",
            "On Sunday the return train leaves just after four in the afternoon.",
            "All your tickets are in the app, so there is nothing to print.",
            "Have a lovely weekend.",
        ),
        change=(
            "changed_place",
            (
                "Your trip starts with an early train from Brussels on Friday.",
                "You change in Paris, where you have forty minutes to catch the connection to Bordeaux.",
                "The hotel is a short walk from the station, and breakfast is included every morning.",
                "On Sunday the return train leaves just after four in the afternoon.",
                "All your tickets are in the app, so there is nothing to print.",
                "Have a lovely weekend.",
            ),
        ),
        fr=(
            "Votre voyage commence par un train matinal au départ de Bruxelles vendredi.",
            "Vous changez à Lille, où vous avez quarante minutes pour prendre la correspondance vers Bordeaux.",
            "L'hôtel est à quelques minutes à pied de la gare, et le petit-déjeuner est compris chaque matin.",
            "Dimanche, le train du retour part juste après seize heures.",
            "Tous vos billets sont dans l'application, il n'y a rien à imprimer.",
            "Bon week-end.",
        ),
    ),
    # --- Spanish replies ------------------------------------------------------------------------
    T(
        "es_media",
        "spanish_number",
        "es",
        ("Le esperamos a las 4:30.",),
        say=("Le esperamos a las cuatro y media.",),
        change=("changed_number", ("Le esperamos a las cinco y media.",)),
    ),
    T(
        "es_telefono",
        "spanish_number",
        "es",
        ("Puede llamarnos al 912 48 30.",),
        say=("Puede llamarnos al nueve, uno, dos, cuatro, ocho, tres, cero.",),
        change=("changed_number", ("Puede llamarnos al nueve, uno, dos, cuatro, ocho, tres, siete.",)),
    ),
    T(
        "es_sevilla",
        "spanish",
        "es",
        ("Su maleta llegó a Sevilla esta mañana.", "Puede recogerla en el mostrador."),
        change=("changed_place", ("Su maleta llegó a Valencia esta mañana.", "Puede recogerla en el mostrador.")),
        en_phrase=("Puede recogerla en el mostrador.", "You can pick it up at the counter."),
    ),
    T(
        "es_reparacion",
        "spanish",
        "es",
        ("La reparación cuesta 75 euros.",),
        say=("La reparación cuesta setenta y cinco euros.",),
        change=("changed_number", ("La reparación cuesta ochenta y cinco euros.",)),
        en_phrase=("setenta y cinco euros", "seventy-five euros"),
    ),
    T(
        "es_ruiz",
        "spanish",
        "es",
        ("La doctora Ruiz le atenderá el jueves por la mañana.",),
        change=("changed_name", ("La doctora Ramos le atenderá el jueves por la mañana.",)),
        en_phrase=("el jueves por la mañana", "on Thursday morning"),
    ),
    T("es_valla", "spanish_homophone", "es", ("Cuidado con la valla al salir del aparcamiento.",)),
    T("es_vino", "spanish_homophone", "es", ("El señor vino a las ocho con una botella de vino.",)),
    T("es_haber", "spanish_homophone", "es", ("Puede haber un retraso de media hora en la salida.",)),
    T("es_gracias", "one_word", "es", ("Gracias.",)),
    # --- French replies -------------------------------------------------------------------------
    T(
        "fr_heure",
        "french",
        "fr",
        ("Votre rendez-vous est à 14 h 30.",),
        say=("Votre rendez-vous est à quatorze heures trente.",),
        change=("changed_number", ("Votre rendez-vous est à quinze heures trente.",)),
    ),
    T(
        "fr_marseille",
        "french",
        "fr",
        ("Votre valise est bien arrivée à Marseille.", "Vous pouvez la récupérer au comptoir."),
        change=(
            "changed_place",
            ("Votre valise est bien arrivée à Bordeaux.", "Vous pouvez la récupérer au comptoir."),
        ),
    ),
    T(
        "fr_dubois",
        "french",
        "fr",
        ("Madame Dubois vous rappellera demain matin.",),
        change=("changed_name", ("Madame Dupont vous rappellera demain matin.",)),
    ),
    T(
        "fr_carte",
        "french",
        "fr",
        ("Votre carte a bien été bloquée.", "La nouvelle arrivera sous cinq jours."),
        change=("changed_number", ("Votre carte a bien été bloquée.", "La nouvelle arrivera sous huit jours.")),
    ),
    T("fr_daccord", "one_word", "fr", ("D'accord.",)),
)

#: Extra sentences a faulty reply adds (after the reply, or before it).
EXTRA: dict[str, tuple[str, ...]] = {
    "en": (
        "Your loyalty points have also been added to the account.",
        "One more thing: the spring offer ends at midnight.",
        "I will send you a text message to confirm all of this.",
    ),
    "es": ("Además, le enviaremos un mensaje de confirmación.", "La oferta de primavera termina a medianoche."),
    "fr": ("Je vous envoie aussi un message de confirmation.", "L'offre de printemps se termine à minuit."),
}

BY_ID = {t.id: t for t in TEXTS}

SEALED = Table("sealed", TEXTS, EXTRA)
