"""The final hand-labelled coach test set: written and labelled after every rule change, and only
ever measured, never used to tune anything. Same codes and 0-100 rating scale as coach_eval.py;
several replies are in the style of real social-media support teams."""

# Data, not code: the replies are kept on long lines.
# ruff: noqa: E501

CASES: list[tuple[str, str, str, int]] = [
    (
        "@AirCo my flight was cancelled 2 hours before departure and nobody at the desk could rebook me",
        "Hey there, we're sorry for the trouble with your cancelled flight. Please send us a DM with your confirmation code so we can look at rebooking options.",
        "A R F Q",
        42,
    ),
    (
        "@AirCo my flight was cancelled 2 hours before departure and nobody at the desk could rebook me",
        "I'm really sorry - a cancellation two hours before you fly, and then no help at the desk, is a miserable experience. I've rebooked you on the 07:15 tomorrow and booked you a hotel near the airport tonight at our cost, plus a meal voucher. Could you confirm the email we should send the details to? I'll message you once it's all confirmed.",
        "A E R O M X Q F",
        90,
    ),
    (
        "@StreamFlix been charged for premium for 3 months but I'm on basic",
        "Hi! Pricing for plans is listed on our website. Please review your plan details in account settings.",
        "D",
        10,
    ),
    (
        "@StreamFlix been charged for premium for 3 months but I'm on basic",
        "Sorry about that! Being charged for premium for three months while on basic isn't right. I've refunded the difference for all three months - you'll see it within 5 days. Anything else we can help with?",
        "A E R O M Q",
        65,
    ),
    (
        "The dishwasher you installed is leaking water all over my kitchen floor.",
        "The installation was carried out by our partner installer, so please contact them directly.",
        "B",
        8,
    ),
    (
        "The dishwasher you installed is leaking water all over my kitchen floor.",
        "Thank you for calling this in, Mrs Patel, and I'm so sorry - water all over your kitchen floor is the last thing you need. Please turn off the water valve under the sink for now. I've booked an engineer for 9am tomorrow to fix the leak at no charge, and if the floor has been damaged we will pay for the repair. I'll call you tomorrow afternoon to check everything is dry and working.",
        "T A E R O M F",
        85,
    ),
    (
        "I've been waiting 6 weeks for my passport renewal documents to be returned.",
        "We understand your concern. Processing times vary. Thank you for your patience.",
        "G",
        10,
    ),
    (
        "I've been waiting 6 weeks for my passport renewal documents to be returned.",
        "I'm sorry you've been waiting six weeks for your documents - I can see how worrying that is when you need your passport. I've tracked your file and your documents were posted back yesterday by special delivery; the tracking number is on its way to your email. Would it help if I call you when they're marked delivered?",
        "A E R O F Q",
        75,
    ),
    (
        "Bought a TV from your store, when I got home the remote was missing from the box.",
        "Sorry for any inconvenience this may have caused. Remotes can be purchased separately in store.",
        "C D",
        8,
    ),
    (
        "Bought a TV from your store, when I got home the remote was missing from the box.",
        "Oh no, sorry the remote was missing from your TV box! That's our packing mistake. I've sent a new remote out to you today by first class post, no charge. Give us a shout here if it hasn't arrived by Thursday.",
        "A R O M F",
        66,
    ),
    (
        "The yoga instructor cancelled the class with 5 minutes notice and I'd already travelled 30 mins.",
        "Hi Lucy, I'm sorry - travelling 30 minutes only to have the class cancelled with five minutes' notice is really frustrating. That's not how we should run things. I've added two free classes to your account, and I'm changing our policy so cancellations go out at least two hours ahead. Thank you for telling us.",
        "T A E R O X M",
        80,
    ),
    (
        "The yoga instructor cancelled the class with 5 minutes notice and I'd already travelled 30 mins.",
        "Our instructor had a family emergency. These things happen and are beyond anyone's control.",
        "B D",
        10,
    ),
    (
        "My car was serviced at your garage and now the check engine light is on.",
        "Hi Sam, thanks for letting us know. I'm sorry the check engine light came on straight after your service - I'd be worried too. Could you bring it in tomorrow morning? I'll have our senior technician look at it first thing, free of charge, and give you a courtesy car while we do.",
        "T A E R Q O M X",
        84,
    ),
    (
        "My car was serviced at your garage and now the check engine light is on.",
        "That light is unrelated to the service we carried out. It is likely a sensor that was already faulty.",
        "D",
        5,
    ),
    (
        "The restaurant gave my child food with nuts even though I told them about her allergy.",
        "We're sorry if there was a misunderstanding about the allergy. Our menu clearly lists all allergens.",
        "C D",
        2,
    ),
    (
        "The restaurant gave my child food with nuts even though I told them about her allergy.",
        "I am deeply sorry. You told us about your daughter's nut allergy and we still served her food with nuts - that is a serious failure and it must have been terrifying. I'm the owner and I'm investigating this personally today. How is she now? I'd like to call you this evening to tell you what we've found and what we are changing. My number is 07700 900123.",
        "A E R O Q F",
        80,
    ),
    (
        "The online form keeps crashing when I try to upload my documents.",
        "Thanks for reaching out! We're aware of an issue with uploads and our team is working on a fix. We'll update you as soon as it's resolved.",
        "T F",
        40,
    ),
    (
        "The online form keeps crashing when I try to upload my documents.",
        "Sorry the form keeps crashing on upload - that's annoying when you're trying to get it done. While we fix it, you can email the documents to me at docs@example.com and I'll upload them for you today. Which documents are you sending?",
        "A E R O M F Q",
        72,
    ),
    (
        "You sent me someone else's bank statement in the post.",
        "Thank you for telling us and for keeping it safe. I'm very sorry - sending you another customer's statement is a serious error on our part. Could you post it back in the prepaid envelope we're sending you today? I've also fixed the address record that caused it, and I'll write to you to confirm.",
        "T A E O Q M F",
        76,
    ),
    (
        "You sent me someone else's bank statement in the post.",
        "Apologies. This was a printing error by our mailing house supplier.",
        "A B",
        12,
    ),
    (
        "The plumber left a huge mess in my bathroom and didn't finish the job.",
        "Hi, thanks for your message. We have passed your comments to the relevant department.",
        "T G",
        10,
    ),
    (
        "The plumber left a huge mess in my bathroom and didn't finish the job.",
        "I'm sorry our plumber left your bathroom in a mess and didn't finish - that's not the standard you paid for. I'll send a different plumber tomorrow to finish the job and clean up, and we won't charge for the first visit. Would 10am work?",
        "A E R O M Q",
        74,
    ),
    (
        "Your delivery van blocked my driveway for an hour and I missed a hospital appointment.",
        "We're sorry. Our drivers have tight schedules and sometimes need to stop where they can.",
        "A D",
        8,
    ),
    (
        "Your delivery van blocked my driveway for an hour and I missed a hospital appointment.",
        "I'm so sorry that our van blocked your driveway for an hour and you missed your hospital appointment - that's completely unacceptable. I've spoken to the driver's manager and it won't happen again. I'd like to cover any cost of rebooking the appointment and send you a gift card as an apology. Could you let me know what the appointment cost you?",
        "A E R O M X Q",
        80,
    ),
]
