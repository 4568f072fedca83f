"""A second hand-labelled coach set, written and labelled after the coach's rules were tuned on
coach_eval.py, and never used to tune them: the honest figure. Same codes and rating scale."""

# Data, not code: the replies are kept on long lines.
# ruff: noqa: E501

CASES: list[tuple[str, str, str, int]] = [
    (
        "My new sofa was delivered with a big tear in the fabric on the left arm.",
        "Hi Megan, thank you for sending the photos. I'm really sorry the sofa arrived with a tear in the left arm - after waiting weeks for it, that's so disappointing. I've booked our upholstery technician to replace the arm cover free of charge next Tuesday, and I've refunded the £40 delivery charge as well for the trouble. Does Tuesday morning suit you? I'll ring you the day before to confirm.",
        "T A E R O M X Q F",
        92,
    ),
    (
        "My new sofa was delivered with a big tear in the fabric on the left arm.",
        "Our drivers check every item before it leaves the van, so the damage must have happened after delivery.",
        "D",
        4,
    ),
    (
        "Been trying to get through to your billing department for a week. My bill is double what it should be.",
        "Thanks for your patience. We are experiencing high call volumes. Please try again later or use our online chat.",
        "T G",
        12,
    ),
    (
        "Been trying to get through to your billing department for a week. My bill is double what it should be.",
        "I'm sorry you've spent a week trying to reach billing, and that your bill came out at double the usual amount - that's a worrying thing to open. I've checked and a meter reading was entered wrongly; I've corrected it and your new bill will arrive within 2 days. I'll email you once it's issued.",
        "A E R O M F",
        80,
    ),
    (
        "The gym has had the showers broken for three weeks now. I pay £45 a month for this.",
        "Hi Alex, sorry about the showers. The plumbing contractor keeps postponing, it's really out of our hands.",
        "A R B",
        22,
    ),
    (
        "The gym has had the showers broken for three weeks now. I pay £45 a month for this.",
        "Alex, you're right - three weeks without working showers isn't acceptable when you're paying £45 a month, and I'm sorry. I'm taking 50% off your next two months, and I'll personally message you the day they're fixed. Is there anything else that would help in the meantime?",
        "A E R O M F Q",
        78,
    ),
    (
        "Your driver reversed into my car in the car park and just drove off.",
        "We're sorry if you feel our driver acted inappropriately. Please submit a claim through our website.",
        "C",
        8,
    ),
    (
        "Your driver reversed into my car in the car park and just drove off.",
        "I'm so sorry - having your car hit and the driver simply leave is shocking, and I understand how upsetting that is. Could you send me the time, location and any photos? I'll identify the vehicle today, and we will cover the repair costs in full. You can reach me directly on 0800 555 0123.",
        "A E R Q O M F",
        85,
    ),
    (
        "Ordered groceries for delivery, half the items were substituted with things I don't eat.",
        "Thank you for your feedback, we'll pass it on to the store.",
        "T G",
        10,
    ),
    (
        "Ordered groceries for delivery, half the items were substituted with things I don't eat.",
        "Sorry to hear that half your groceries were swapped for things you don't eat! I've refunded the substituted items to your card. Would you like us to turn off substitutions for future orders?",
        "A R O M Q",
        62,
    ),
    (
        "The software update deleted all my saved projects. Months of work gone.",
        "Hi Jordan, I'm truly sorry. Losing months of projects is devastating and I can't imagine how stressful today has been. I'm escalating this to our engineering lead right now; there's a good chance we can restore your projects from our backups. Can you tell me roughly when you last saw them? I'll update you by 5pm today either way.",
        "A E R O Q F",
        82,
    ),
    (
        "The software update deleted all my saved projects. Months of work gone.",
        "As stated in our terms of service, users are responsible for backing up their own data.",
        "D",
        3,
    ),
    (
        "I was given the wrong prescription at your pharmacy. Luckily I noticed before taking it.",
        "Thank you for telling us, and I'm very sorry. Being handed the wrong prescription is a serious mistake and it's on us; I'm glad you noticed. I've reported it to our pharmacy manager and we will review how it happened. Please bring the medicine back and we'll give you the correct one straight away.",
        "T A E O M",
        72,
    ),
    (
        "I was given the wrong prescription at your pharmacy. Luckily I noticed before taking it.",
        "Our pharmacist was covering two counters that day and the locum made the error.",
        "B D",
        6,
    ),
    (
        "Cinema screen kept freezing through the whole film and nobody came to fix it.",
        "Hi, sorry about the screen freezing during the film, that's not the night out you wanted. Please DM us your booking reference and we'll send you two free tickets.",
        "A E R Q F M",
        55,
    ),
    (
        "Cinema screen kept freezing through the whole film and nobody came to fix it.",
        "We apologise for any inconvenience caused. We strive to provide the best experience for our customers.",
        "C G",
        8,
    ),
    (
        "I cancelled my subscription in March but you charged me again in April and May.",
        "Hi Sara, thank you for getting in touch. You cancelled in March, so the April and May charges should never have been taken - I'm sorry. I've refunded both payments today and confirmed the cancellation. I've also added a month's credit in case you ever want to come back. I'll check on Friday that the refunds have arrived.",
        "T A E R O M X F",
        88,
    ),
    (
        "I cancelled my subscription in March but you charged me again in April and May.",
        "Our system shows no cancellation request on your account. Did you receive a confirmation email?",
        "D Q",
        15,
    ),
    (
        "The hotel lost my luggage from the storage room.",
        "Hello, we are sorry to hear that. The storage room is managed by an external security company.",
        "A B",
        12,
    ),
    (
        "The hotel lost my luggage from the storage room.",
        "I'm so sorry we lost your luggage from our storage room; I know how stressful it is to be without your things while travelling. I'm the duty manager and I'm handling the search myself. Could you describe the bags? In the meantime I'll cover any essentials you need to buy today.",
        "A E R O Q M",
        75,
    ),
    (
        "My order says delivered but nothing arrived.",
        "Hi there! Sorry about this. Please can you check with your neighbours and around your property?",
        "A Q",
        28,
    ),
    (
        "My order says delivered but nothing arrived.",
        "That's frustrating - tracking says delivered but no parcel. I'm sorry. I've opened an investigation with our delivery team and sent a replacement out today on next-day delivery, so you don't have to wait. I'll let you know what the investigation finds.",
        "A E R O M F",
        72,
    ),
    (
        "Waited 40 minutes for a table we had booked and the manager was rude when we asked.",
        "Thanks for your review. Saturday evenings are our busiest time and we do our best. The manager was simply explaining the situation.",
        "T D",
        5,
    ),
    (
        "Waited 40 minutes for a table we had booked and the manager was rude when we asked.",
        "Dear Kim, thank you for taking the time to write. Waiting 40 minutes for a table you had booked is bad enough, and being spoken to rudely when you asked about it is not acceptable - I'm sorry. I've spoken to the manager myself. I'd like to invite you back for dinner as our guests. Would you let me know a date?",
        "T A E R O M X Q",
        84,
    ),
    (
        "Your app charged my card 3 times for one taxi ride.",
        "Hi, sorry for the trouble. Duplicate charges are usually pending authorisations and will drop off automatically.",
        "A D",
        25,
    ),
    (
        "Your app charged my card 3 times for one taxi ride.",
        "Sorry you were charged three times for one ride - I'd be worried too. I've refunded the two extra charges; you'll see them back in 3-5 days. If anything still looks wrong, just reply here.",
        "A E R O M F",
        68,
    ),
    (
        "Broadband engineer missed two appointments in a row. I've wasted two days off work.",
        "We're sorry you feel let down. Appointments can occasionally be missed due to unforeseen circumstances.",
        "C D",
        5,
    ),
    (
        "Broadband engineer missed two appointments in a row. I've wasted two days off work.",
        "I'm sorry our engineer missed two appointments and cost you two days off work; that's our failure. I've booked a guaranteed first-slot appointment on Saturday and credited £50 to your account for the lost days. Can you confirm Saturday works? I'll call you on Friday evening to make sure everything is set.",
        "A R O M X Q F",
        85,
    ),
    (
        "The jacket's zip broke the second time I wore it.",
        "Hi! Please return the jacket with your receipt and we will send it to the manufacturer for assessment.",
        "M",
        25,
    ),
    (
        "The jacket's zip broke the second time I wore it.",
        "Thank you for letting me know, Omar. A zip breaking on only the second wear is really poor, and I'm sorry. I'll send you a brand new jacket today - no need to return the old one - and I've added a 20% off code for your next order. Would you like the same size?",
        "T A E R O M X Q",
        86,
    ),
]
