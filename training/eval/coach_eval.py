"""Hand-labelled evaluation set for the coach (authored for Amends; not copied from any data set).

Each case: the customer's message, a business reply in the style real support teams write
(short social-media replies, e-mails, good and bad), the labels present (elements and pitfalls,
CONTRACTS.md §1 semantics) and a holistic quality rating 0-100 given by the author as a service
recovery manager would, before looking at the coach's score.

Codes: T thanks, A apology, E empathy (tied to the case), R reflection, O ownership, M remedy,
X something extra, F follow-up / direct channel, Q asks the customer;
C conditional apology, D defensive, B blames other, G generic template.
"""

# Data, not code: the replies are kept on long lines.
# ruff: noqa: E501

CODES = {
    "T": "thanks",
    "A": "apology",
    "E": "empathy",
    "R": "reflection",
    "O": "ownership",
    "M": "remedy",
    "X": "something_extra",
    "F": "follow_up",
    "Q": "asks_customer",
    "C": "conditional_apology",
    "D": "defensive",
    "B": "blames_other",
    "G": "generic",
}

CASES: list[tuple[str, str, str, int]] = [
    (
        "My parcel arrived two weeks late and the box was crushed. The vase inside is cracked.",
        "Hi Sam, thank you for telling us. I'm so sorry your parcel turned up two weeks late and with the box crushed, "
        "and that the vase inside was cracked. That must have been really disappointing after waiting so long. This is on us "
        "and I'll personally make sure it's put right: I can send a replacement vase by express delivery or refund you in full. "
        "Which would you prefer? As a small thank-you for your patience I've also added a 15% voucher to your account. "
        "I'll check in with you on Friday to make sure the new one arrives safely.",
        "T A E R O M X F Q",
        95,
    ),
    (
        "My parcel arrived two weeks late and the box was crushed. The vase inside is cracked.",
        "We apologize for any inconvenience. We value your feedback and will pass it on to the relevant team.",
        "C G",
        10,
    ),
    (
        "I was charged twice for my subscription this month. I want the extra payment back.",
        "Hi, sorry to hear that! Please DM us the email address on your account and we'll take a look.",
        "A F Q",
        40,
    ),
    (
        "I was charged twice for my subscription this month. I want the extra payment back.",
        "Hello Priya, thanks for flagging this. You're right, you were charged twice for March, and I'm sorry about that; "
        "it was an error on our side. I've refunded the duplicate payment of £9.99 today and it should reach your card within "
        "3-5 working days. I'll keep an eye on it and email you once it has cleared.",
        "T A R O M F",
        82,
    ),
    (
        "The waiter was really rude to us last night and we waited an hour for our mains.",
        "We're sorry if you felt our staff were rude. Our team works very hard and Friday nights are always busy, so some "
        "waiting is to be expected.",
        "C D",
        5,
    ),
    (
        "The waiter was really rude to us last night and we waited an hour for our mains.",
        "Thank you for letting us know, Mark, and I'm truly sorry. Waiting an hour for your mains and then being spoken to "
        "rudely is not the evening you should have had with us, and I can imagine how it spoiled the night. I'm the general "
        "manager and I'm handling this myself. I'd like to refund your meal and invite you both back for dinner on us. "
        "Would you let me know a date that suits? My direct line is 0161 555 0199.",
        "T A E R O M X F Q",
        93,
    ),
    (
        "Your app keeps crashing every time I try to pay. Useless.",
        "Hi there, we understand your frustration. Please try reinstalling the app. Have a great day!",
        "M G",
        15,
    ),
    (
        "Your app keeps crashing every time I try to pay. Useless.",
        "Sorry the app keeps crashing at the payment step - that's really annoying when you're trying to check out. Which "
        "phone and app version are you on? Send us a DM and we'll get this fixed with you.",
        "A E R Q F",
        55,
    ),
    (
        "Ordered a size 10 and received a size 14. Second time this has happened.",
        "Hi Jo, that's not good enough, especially as it's the second time - I'm sorry. I've arranged a courier to collect "
        "the size 14 tomorrow and a size 10 is already on its way to you by next-day delivery, free of charge. I'll email "
        "you the tracking number tonight.",
        "A E R O M F",
        78,
    ),
    (
        "Ordered a size 10 and received a size 14. Second time this has happened.",
        "The warehouse team picked the wrong item, it was their mistake. You can return it using the label in the box.",
        "R B M",
        20,
    ),
    (
        "I've been on hold for 45 minutes three days in a row trying to cancel my contract.",
        "As we mentioned in our terms, cancellations must be made in writing. You should have emailed us instead of calling.",
        "D",
        3,
    ),
    (
        "I've been on hold for 45 minutes three days in a row trying to cancel my contract.",
        "I'm sorry you've spent three days on hold for 45 minutes just to cancel - that's not acceptable and it must have been "
        "infuriating. I've cancelled your contract today, effective immediately, and you won't be charged again. "
        "You'll get a confirmation email within the hour. Is there anything else I can sort out for you?",
        "A E R O M Q F",
        75,
    ),
    (
        "The hotel room was dirty and the shower didn't work. Not what I paid for.",
        "Thank you for your feedback. We take all complaints seriously and strive to provide the best service.",
        "T G",
        12,
    ),
    (
        "The hotel room was dirty and the shower didn't work. Not what I paid for.",
        "Dear Ms Khan, thank you for writing to us. I am very sorry that your room was not clean and that the shower was "
        "broken during your stay; you paid for a comfortable room and we didn't deliver it. I have refunded one night of your "
        "stay and would love to welcome you back with a complimentary upgrade on your next visit. I'll call you next week to "
        "make sure the refund has come through.",
        "T A E R M X F",
        85,
    ),
    (
        "My card got blocked while I was abroad and nobody at your helpline could help me.",
        "Hello, we apologise for the trouble. For security reasons cards may be blocked when used abroad; this is in line "
        "with our policy. Please call our customer service for further assistance.",
        "A D G",
        15,
    ),
    (
        "My card got blocked while I was abroad and nobody at your helpline could help me.",
        "I'm really sorry - being stuck abroad with a blocked card and getting no help from the helpline must have been "
        "stressful. I've unblocked your card now so it should work straight away. Could you confirm which country you're in "
        "so I can add a travel note to your account? I'll stay with this until you confirm it's working.",
        "A E R O M Q F",
        80,
    ),
    (
        "The laptop I bought stopped working after 3 days. Screen is black.",
        "Oh no, a black screen after only three days is awful. Sorry! Can you DM us your order number so we can arrange a "
        "replacement?",
        "A E R Q F M",
        60,
    ),
    (
        "The laptop I bought stopped working after 3 days. Screen is black.",
        "The manufacturer is responsible for hardware faults, so you will need to contact them directly for a repair.",
        "B D",
        8,
    ),
    (
        "Flight delayed 6 hours and no food vouchers were given. Missed my connection.",
        "Hi Tom, I'm sorry about the 6 hour delay and that you missed your connection. I know how exhausting that is. "
        "Delays were due to air traffic control restrictions which are out of our control.",
        "A E R B",
        30,
    ),
    (
        "Flight delayed 6 hours and no food vouchers were given. Missed my connection.",
        "Tom, thank you for telling us and I'm sorry. A six-hour delay with no food vouchers, and a missed connection on top, "
        "is a miserable day of travel. I've submitted your compensation claim for the delay myself and rebooked your "
        "connection for tomorrow morning at no cost. As an apology I've also added 5,000 miles to your account. I'll email "
        "you on Thursday with the claim outcome. Would a hotel tonight help?",
        "T A E R O M X F Q",
        92,
    ),
    (
        "The food was cold when it arrived and half my order was missing.",
        "Thanks for reaching out. Our delivery partner was short-staffed tonight, which caused delays.",
        "T B",
        10,
    ),
    (
        "The food was cold when it arrived and half my order was missing.",
        "Sorry your food arrived cold and with half the order missing, that's a rubbish end to the day. I've refunded the "
        "missing items and the delivery fee. Anything else I can do?",
        "A E R M Q",
        55,
    ),
    (
        "I've emailed your support team 4 times about my refund and nobody replies.",
        "Hi, our records show that we replied to you on the 3rd. Please check your spam folder.",
        "D",
        8,
    ),
    (
        "I've emailed your support team 4 times about my refund and nobody replies.",
        "Hi Anna, four emails with no reply is not how we want to treat anyone, and I'm sorry. That must be so frustrating "
        "when you're waiting for your money. I've looked at your case and processed the refund of $120 this morning. My name "
        "is Luis and from now on you can email me directly at luis@example.com.",
        "A E R O M F",
        80,
    ),
    (
        "Your engineer didn't turn up for the appointment. I took a day off work for this.",
        "We apologise if the engineer's absence caused any inconvenience. Please rebook via our website.",
        "C M G",
        10,
    ),
    (
        "Your engineer didn't turn up for the appointment. I took a day off work for this.",
        "I'm so sorry our engineer didn't turn up - you took a whole day off work for that appointment and we let you down. "
        "I'll personally book the first slot available, and I can make it a Saturday so you don't lose another work day. "
        "Would this Saturday morning work? We'll also credit £30 to your account for the wasted day.",
        "A E R O M Q X",
        82,
    ),
    (
        "Received a book with pages missing from the middle. Very disappointed.",
        "Sorry to hear this.",
        "A G",
        15,
    ),
    (
        "Received a book with pages missing from the middle. Very disappointed.",
        "Thank you for letting us know. I'm sorry the book you received has pages missing from the middle - you should be "
        "able to enjoy it, not find gaps. I'll send a new copy today, and there's no need to return the faulty one.",
        "T A E R O M",
        68,
    ),
    (
        "My internet has been down since Monday and I work from home!",
        "Hi, we are aware of an outage in your area and engineers are working to fix it. Thank you for your patience.",
        "T",
        25,
    ),
    (
        "My internet has been down since Monday and I work from home!",
        "Hi Chris, I'm sorry - no internet since Monday is a huge problem when you work from home. I've checked and there's "
        "a fault on the line to your street; an engineer is booked for tomorrow at 8am. In the meantime I can send you a "
        "free mobile data hotspot today so you can keep working. Shall I go ahead? I'll text you once the engineer is done.",
        "A E R O M X Q F",
        85,
    ),
    (
        "The shoes fell apart after two weeks. Terrible quality.",
        "Our shoes are tested to the highest standards. Damage like this is usually caused by improper use.",
        "D",
        5,
    ),
    (
        "The shoes fell apart after two weeks. Terrible quality.",
        "That's really disappointing - shoes shouldn't fall apart after two weeks. I'm sorry. We'd like to make it right: "
        "we can send a new pair or give you a full refund. Which would you prefer? Just reply to this message.",
        "A E R M Q F",
        65,
    ),
    (
        "Booked a table for my mum's 70th and when we arrived you had no record of it.",
        "Hello, we're sorry for the mix-up. Our booking system had a glitch that weekend.",
        "A B",
        20,
    ),
    (
        "Booked a table for my mum's 70th and when we arrived you had no record of it.",
        "Dear Helen, thank you for telling me about this, and I am so sorry. Arriving for your mum's 70th and finding we had "
        "lost your booking must have been upsetting, on such a special day. That mistake was ours. I would love to host your "
        "family again, with the birthday cake and a bottle of prosecco on the house. Could you let me know a date that "
        "suits? I'll call you on Monday to arrange the details.",
        "T A E R O X Q F M",
        90,
    ),
    (
        "Bank deducted money twice from my account for one UPI transaction. Please reverse it.",
        "Dear customer, kindly share your registered mobile number and transaction ID via DM so that we can check.",
        "Q F",
        30,
    ),
    (
        "Bank deducted money twice from my account for one UPI transaction. Please reverse it.",
        "We regret the inconvenience caused. Failed transactions are auto-reversed within 5 working days as per RBI guidelines.",
        "D G",
        15,
    ),
    (
        "Bank deducted money twice from my account for one UPI transaction. Please reverse it.",
        "Sorry to hear the amount was deducted twice for a single UPI payment - we understand how worrying it is to see money "
        "leave your account. We have raised a reversal request for the duplicate debit. Please DM your transaction ID and we "
        "will track it for you.",
        "A E R M Q F",
        55,
    ),
    (
        "My phone screen cracked on the first day. I barely touched it.",
        "Hi Leo, a cracked screen on day one is so disappointing, I'm sorry. Could you send a photo of the crack? Once I have "
        "it I'll arrange a free repair or a replacement, whichever you prefer.",
        "A E R Q O M",
        68,
    ),
    (
        "My phone screen cracked on the first day. I barely touched it.",
        "Screens do not crack on their own. The damage must have been caused by a drop, which is not covered by warranty.",
        "D",
        3,
    ),
    (
        "Still no refund after 3 weeks for the item I returned.",
        "Hi, thanks for your patience. Refunds can take up to 30 days. Is there anything else we can help with?",
        "T Q G",
        22,
    ),
    (
        "Still no refund after 3 weeks for the item I returned.",
        "Hi Dana, thanks for chasing this, and I'm sorry you're still waiting three weeks after returning the item. That's "
        "far too long. I've pushed the refund through today; you'll see it within 2 days. I'll check it has landed and "
        "message you on Wednesday.",
        "T A E R O M F",
        75,
    ),
    (
        "Customer service agent hung up on me twice. Never been treated like this.",
        "Sorry if our agent seemed abrupt. Sometimes calls drop due to network issues.",
        "C D",
        6,
    ),
    (
        "Customer service agent hung up on me twice. Never been treated like this.",
        "Being hung up on twice is unacceptable, and I'm sorry it happened to you. I've shared this with the team leader and "
        "I'm handling your query myself now. What is it we can help you with? You can reach me directly on this thread.",
        "A E R O Q F",
        65,
    ),
    (
        "The delivery driver left my parcel in the rain and now it's soaked.",
        "Oh no! Sorry about that. The courier company handles the last mile so this was their error. We've reported it to them.",
        "A B",
        18,
    ),
    (
        "The delivery driver left my parcel in the rain and now it's soaked.",
        "I'm sorry your parcel was left out in the rain and got soaked - that should never happen. It's our responsibility, "
        "not yours. I'm sending a replacement today by tracked delivery with a signature required, and I've added a £10 "
        "voucher for the trouble. Let me know if anything inside was damaged beyond the packaging.",
        "A E R O M X Q",
        80,
    ),
    (
        "Your price went up 30% with no warning. Thinking of leaving.",
        "Thanks for getting in touch. Prices are reviewed annually and the change was announced on our website in January.",
        "T D",
        12,
    ),
    (
        "Your price went up 30% with no warning. Thinking of leaving.",
        "Thank you for being honest with us, Raj. A 30% rise with no warning would annoy anyone, and I'm sorry we didn't tell "
        "you properly. I can move you to our loyalty tariff, which keeps your old price for another year. Would you like me "
        "to do that? I'll confirm by email once it's done.",
        "T A E R O M Q F",
        78,
    ),
    (
        "Waited 2 hours at the clinic past my appointment time, nobody told us anything.",
        "We understand your frustration. We are sorry for the inconvenience.",
        "A G",
        15,
    ),
    (
        "Waited 2 hours at the clinic past my appointment time, nobody told us anything.",
        "I'm sorry you waited two hours past your appointment without anyone explaining what was happening. Being left in "
        "the dark is the worst part of a wait, and that's on us. I'm the practice manager; could we talk about what happened "
        "so I can fix how we keep patients informed? My direct number is 020 7946 0001.",
        "A E R O Q F",
        70,
    ),
    (
        "The blender leaked everywhere the first time I used it.",
        "Hi! So sorry to hear your blender leaked on the first use. Please check the seal is fitted correctly - the user "
        "manual explains this on page 4.",
        "A R D",
        25,
    ),
    (
        "The blender leaked everywhere the first time I used it.",
        "Thanks for telling us about the leaking blender, Sara - what a mess to clean up on the first go, I'm sorry. We'll "
        "send you a new one with a prepaid return label for the faulty one, and a free spare seal. Would you like it sent to "
        "the same address?",
        "T A E R M X Q",
        76,
    ),
    (
        "I was promised a callback yesterday and never got one.",
        "Hi Ben, I'm sorry we didn't call you back yesterday as promised; that's our mistake. I'll call you myself at 10am "
        "today - does that time work for you?",
        "A R O F Q",
        62,
    ),
    (
        "I was promised a callback yesterday and never got one.",
        "Apologies. Our team has been very busy. Someone will be in touch.",
        "A G",
        15,
    ),
    (
        "The coffee machine I bought on sale is missing the milk frother.",
        "Thank you for contacting us. Items bought on sale are sold as seen and cannot be returned.",
        "T D",
        8,
    ),
    (
        "The coffee machine I bought on sale is missing the milk frother.",
        "Thanks for letting us know the milk frother was missing from your coffee machine. That's our packing error and I'm "
        "sorry. I've posted the frother to you first class today. Enjoy the coffee, and do reply here if it hasn't arrived "
        "by Friday.",
        "T A R O M F",
        66,
    ),
    (
        "Your website took my money but the order never went through.",
        "Please contact your bank as they may be holding the funds.",
        "B",
        10,
    ),
    (
        "Your website took my money but the order never went through.",
        "I'm so sorry - having the money taken and no order to show for it is worrying. I've found the payment and the order "
        "didn't complete because of an error on our checkout. I can either complete the order now at the same price or refund "
        "the payment today. Which would you like?",
        "A E R O M Q",
        70,
    ),
    (
        "The tour guide was late and then cut our tour short by an hour.",
        "Our guide Pete is new and still learning the route. We'll have a word with him.",
        "B",
        10,
    ),
    (
        "The tour guide was late and then cut our tour short by an hour.",
        "Thank you for your review. I'm sorry your guide arrived late and the tour finished an hour early; you paid for the "
        "full experience and didn't get it. We're refunding half the price, and we'd love to offer you a free place on any "
        "tour this season. I'll email you the booking code tomorrow.",
        "T A E R M X F",
        80,
    ),
]
