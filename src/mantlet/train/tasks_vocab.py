"""Vocabulary for train/tasks.py: task statements and the inputs pasted under them.

Written for the project. Every list is cut in two halves by `half` (bank 0 trains, bank 1 is
held out), so lists keep an even length where the split should be balanced.
"""

from __future__ import annotations

# (noun, plural, the label a block of them gets, examples). The examples are what a user pastes.
INPUT_KINDS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "sentence",
        "sentences",
        "Sentence",
        (
            "the meeting was moved to thursday because of the storm.",
            "She don't like going to the dentist on mondays.",
            "Our team has finished the first version of the report.",
            "The old bridge was closed after engineers found cracks in it.",
            "I have never seen such a beautiful sunset in my life.",
            "He bought three apples, two pears and a loaf of bread.",
            "The museum will reopen next spring after the renovation.",
            "They was planning to visit their cousins in Ohio.",
        ),
    ),
    (
        "review",
        "reviews",
        "Review",
        (
            "The battery lasts two days and the screen is bright, but the camera is slow.",
            "Great acting, weak story. The ending felt rushed and I was bored halfway through.",
            "Delivery took three weeks and the box arrived damaged. Support never answered.",
            "Cozy place, friendly staff, and the best pancakes I have had in years.",
            "The shoes look nice but they hurt after an hour of walking.",
            "Easy to set up. The app crashes sometimes, otherwise it does the job.",
            "The plot twists kept me guessing until the last page. Highly recommended.",
            "Too loud, too expensive, and the fries were cold when they came.",
        ),
    ),
    (
        "email",
        "emails",
        "Email",
        (
            "Hi Tom, could you send me the slides from Tuesday? I want to reuse the chart. Thanks, Ana",
            "Dear customer, your order #4821 has shipped and should arrive within five days.",
            "Hello team, the office will be closed on Friday for maintenance. Please work from home.",
            "Hi, I saw your listing for the blue bike. Is it still available? Best, Marco",
            "Dear Ms. Lee, thank you for your application. We would like to invite you to an interview.",
            "Hey, running ten minutes late, start without me and I will catch up. - Sam",
            "Dear landlord, the kitchen tap has been leaking since Monday. When can someone fix it?",
            "Hi all, reminder that expense reports are due by the end of the month.",
        ),
    ),
    (
        "paragraph",
        "paragraphs",
        "Text",
        (
            "Honeybees communicate the location of flowers through a waggle dance. The angle of "
            "the dance shows the direction and its length shows the distance.",
            "The city council approved a plan to add bike lanes on five main streets. Work starts "
            "in June and should take about a year.",
            "Sleep helps the brain store memories. People who sleep well after learning remember "
            "more the next day than those who stay up late.",
            "The company reported higher sales in Asia, while sales in Europe stayed flat. Costs "
            "rose because of shipping prices.",
            "Volcanoes form where plates of the earth's crust move apart or push together. Magma "
            "rises through cracks and cools into new rock.",
            "The library lends tools as well as books: drills, ladders and sewing machines can be "
            "borrowed for a week with a library card.",
            "Coffee was first drunk in Yemen in the fifteenth century and reached Europe about two "
            "hundred years later.",
            "Our school garden grows tomatoes, beans and herbs. Students water it every morning "
            "and sell the harvest at the autumn fair.",
        ),
    ),
    (
        "list of words",
        "lists of words",
        "Words",
        (
            "apple, river, quickly, mountain, blue, sing",
            "cat, dog, parrot, hamster, goldfish",
            "happy, glad, joyful, sad, cheerful",
            "Monday, June, Tuesday, Friday, Sunday",
            "run, ran, running, runs, runner",
            "car, bus, train, bicycle, banana",
            "red, orange, seven, green, purple",
            "table, chair, sofa, lamp, cloud",
        ),
    ),
    (
        "product description",
        "product descriptions",
        "Product",
        (
            "Stainless steel water bottle, 750 ml, keeps drinks cold for 24 hours.",
            "Wireless earbuds with noise cancelling and a charging case.",
            "Handmade wool scarf in dark green, 180 cm long.",
            "Folding camping chair with a cup holder, holds up to 120 kg.",
            "Electric kettle, 1.7 litres, auto shut-off, blue LED light.",
            "Kids' puzzle with 100 pieces showing farm animals.",
            "Ergonomic office chair with adjustable arms and lumbar support.",
            "Ceramic pot for indoor plants with a drainage hole, 20 cm.",
        ),
    ),
    (
        "tweet",
        "tweets",
        "Tweet",
        (
            "Just finished my first marathon!! legs are jelly but so worth it #running",
            "Why is the train late AGAIN. third time this week.",
            "New episode of our podcast is out now, link in bio",
            "Can't believe how good the new pizza place on 5th street is",
            "Rain all weekend. Guess I'm reading the whole series again.",
            "Our store opens at 9 tomorrow for the big sale, see you there!",
            "The update broke my phone's wifi. anyone else?",
            "Happy birthday to the best little brother in the world",
        ),
    ),
    (
        "dialogue",
        "dialogues",
        "Dialogue",
        (
            "A: Are you coming to the party?\nB: I can't, I have to work late.",
            "Customer: My order hasn't arrived.\nAgent: I'm sorry, can I have the order number?",
            "A: Which way to the station?\nB: Turn left at the bakery and go straight.",
            "Teacher: Did you finish the homework?\nStudent: Almost, I have one question left.",
            "A: I think we should paint the room yellow.\nB: Yellow? I was thinking light grey.",
            "Doctor: How long have you had the cough?\nPatient: About two weeks.",
            "A: Do you want tea or coffee?\nB: Tea, please, with a little milk.",
            "Guest: Is breakfast included?\nReceptionist: Yes, from seven to ten.",
        ),
    ),
)

# Generic actions that fit any pasted text ({noun} is the kind of input).
ACTIONS = (
    "summarize it in one sentence",
    "find the spelling and grammar mistakes",
    "classify it as positive, negative or neutral",
    "extract all the names and dates",
    "rewrite it in a more formal tone",
    "translate it into French",
    "list the three most important keywords",
    "suggest a short title",
    "identify the main topic",
    "count the number of verbs",
    "rate how clear it is on a scale from 1 to 10",
    "write a reply",
    "turn it into a bulleted list",
    "explain it to a ten-year-old",
    "find the word that does not belong",
    "decide whether it is a fact or an opinion",
    "rewrite it in the past tense",
    "capitalize it correctly",
    "list what the writer liked and disliked",
    "detect the emotion of the writer",
)

# Statements of a task. {noun}/{nouns}: the input kind; {action}: from ACTIONS; {Action}: the
# same, capitalized; {output}: a thing to produce.
STATEMENTS = (
    "{Action}.",
    "You are given {a_noun}. {Action}.",
    "You are given a few {nouns}. Go through each one and {action}.",
    "You need to {action}.",
    "You should {action}.",
    "In this task, you are given {a_noun}. Your task is to {action}.",
    "Given {a_noun}, {action}.",
    "Read the {noun} below and {action}.",
    "Here is {a_noun}. Can you {action}?",
    "I will give you {a_noun}. Please {action}.",
    "Your task is to {action}. The {noun} is below.",
    "For the following {noun}, {action}.",
    "Look at the {noun} and {action}.",
    "Please {action}.",
    "You will be shown {a_noun}. You have to {action}.",
    "Below are some {nouns}. For each one, {action}.",
    "Provide {output} for the following {noun}.",
    "Provide {output} for the given {noun}.",
    "Study the tone of the {noun} and {action}.",
    "Come up with {output} for this {noun}.",
    "What is {output} for the {noun} below?",
    "Generate {output} based on the {noun}.",
    "Take the {noun} and {action}. Explain your answer.",
    "Using the {noun} provided, {action}.",
    "Think about the {noun} below. {Action}, then give your reasons.",
    "The following is {a_noun}. {Action}.",
    "Check the {noun} and {action}. Your answer should be short.",
    "Here are some {nouns}. {Action} for each of them.",
)
OUTPUTS = (
    "a short title",
    "a one-line summary",
    "three hashtags",
    "a category",
    "a rating from 1 to 5",
    "a list of keywords",
    "a name",
    "a better first sentence",
    "a reading level",
    "two follow-up questions",
)

# A definition, then a request to write one ("A job description is ... You need to write one").
DEFINITIONS = (
    (
        "A newsletter is a regular email that tells subscribers what is new and what is coming.",
        "a newsletter",
    ),
    (
        "A cover letter is a short letter that tells an employer why you fit a job.",
        "a cover letter",
    ),
    (
        "A press release is a short text that announces company news to reporters.",
        "a press release",
    ),
    (
        "A product listing tells shoppers what an item is, what it costs and who it suits.",
        "a listing",
    ),
    (
        "An event invitation gives the date, the place and the reason for the event.",
        "an invitation",
    ),
    ("A meeting summary lists what was decided and who will do what next.", "a meeting summary"),
    ("A recipe lists the ingredients first and then the steps in order.", "a recipe"),
    ("A short bio introduces a person in three or four sentences.", "a short bio"),
)
DEFINITION_ASKS = (
    "You need to write {doc} from the details provided.",
    "Write {doc} using the details below.",
    "Your task is to write {doc} from the following facts.",
    "Please write {doc} for the information given.",
    "You need to write {doc}. Use the information below.",
    "Based on the notes below, write {doc}.",
)
FACT_SHEETS = (
    "Company: Green Leaf Foods\nPosition: Warehouse supervisor\nLocation: Leeds\nHours: full time",
    "Name: Priya Shah\nJob: nurse\nExperience: 6 years\nHobbies: climbing, baking",
    "Event: Summer picnic\nDate: July 14\nPlace: Riverside Park\nBring: a dish to share",
    "Product: Trail running shoes\nPrice: $89\nColors: black, orange\nWeight: 280 g",
    "Decisions: launch moved to May; budget approved\nOwners: Ana (design), Li (testing)",
    "Dish: lentil soup\nServes: 4\nTime: 40 minutes\nMain ingredients: lentils, carrots, cumin",
    "Company: Northwind Bikes\nNews: opens a second store\nWhen: next Saturday\nWhere: Main Street",
    "Name: Jordan Blake\nRole: data analyst\nSkills: SQL, Python, dashboards\nCity: Denver",
)

# Tasks about the user's own situation, addressed to the model ("write an email to ask for
# a raise"): the second person here is the user's, not the model's.
PERSONAL_TASKS = (
    "You need to write an email to {person} to {goal}.",
    "Write a letter to {person} asking to {goal}.",
    "Write a short message to your {relative} explaining why you {excuse}.",
    "Describe your ideal {thing} in a few sentences.",
    "Explain your reasoning step by step when you {goal}.",
    "Tell me about your favorite {thing}.",
    "Write a paragraph about your first {event}.",
    "What would you say to your {relative} if you wanted to {goal}?",
    "Make a list of things to pack for your {event}.",
    "You should write a thank-you note to your {relative} for {gift}.",
    "Plan your week so that you can {goal}.",
    "Write a speech for your {event}, no longer than two minutes.",
)
PERSONAL_FILL = {
    "person": (
        "your manager",
        "your landlord",
        "a recruiter",
        "your neighbour",
        "your child's teacher",
        "a hotel",
    ),
    "goal": (
        "ask for a raise",
        "ask for a day off",
        "get a refund",
        "reschedule a meeting",
        "learn to cook",
        "save more money",
    ),
    "relative": ("mother", "best friend", "brother", "grandfather", "aunt", "roommate"),
    "excuse": (
        "missed the dinner",
        "were late",
        "forgot the birthday",
        "cannot come this weekend",
    ),
    "thing": ("vacation", "book", "house", "weekend", "job", "meal"),
    "event": ("day at work", "trip abroad", "wedding toast", "camping trip", "graduation", "race"),
    "gift": ("the birthday present", "the help with moving", "the dinner", "the books"),
}

# Style guides and conversions with an example under them ("edit it using the rules").
GUIDED = (
    "You should {verb} the line using the rules.\n\nRules: {guide}\nLine: {input}",
    "{Verb} the text following these rules.\n\nRules: {guide}\nText: {input}",
    "Use the style guide below to {verb} the sentence.\n\nStyle guide: {guide}\n\n{input}",
    "Apply the house style and {verb} this sentence.\n\nHouse style: {guide}\nInput: {input}",
)
GUIDE_VERBS = ("correct", "punctuate", "rewrite", "format", "edit", "shorten")
GUIDES = (
    "Capitalize the first word and all proper nouns.",
    "Use title case: capitalize every important word.",
    "Write numbers below ten as words.",
    "Use British spelling and put full stops inside quotes.",
    "Every sentence starts with a capital letter and ends with a period.",
    "Remove filler words and keep the sentence under twelve words.",
)

# Conversions: "Convert X into Y." followed by the X.
CONVERSIONS = (
    (
        "the paragraph",
        "a numbered checklist",
        "First unplug the router, wait thirty "
        "seconds, plug it back in and then check that the lights turn green.",
    ),
    (
        "the recipe",
        "a shopping list",
        "Mix 200 g flour, 2 eggs and 300 ml milk. Fry in butter and serve with lemon and sugar.",
    ),
    ("the temperatures", "Celsius", "68 F, 75 F, 90 F, 32 F"),
    ("the sentence", "passive voice", "The committee approved the new budget on Monday."),
    ("the dates", "ISO format", "March 3rd 2021, 7/4/1999, 12 Dec 2010"),
    ("the list", "a table with two columns", "Paris - France, Rome - Italy, Lima - Peru"),
    (
        "the text",
        "a tweet",
        "We are happy to announce that our bakery now opens at 7 am on "
        "weekdays, one hour earlier than before.",
    ),
    ("the notes", "full sentences", "meeting mon 10am - budget ok - hire 2 devs - next: plan Q3"),
)
CONVERSION_FORMS = (
    "Convert {src} into {dst}.\n\n{input}",
    "Convert {src} into {dst}.\n{input}",
    "Please convert {src} into {dst}:\n\n{input}",
    "Turn {src} into {dst}.\n\nInput: {input}",
)

# Tasks over a structured block: a list of items, numbered steps.
STRUCTURED = (
    (
        "Suggest what this meal could be called, from its ingredients and method.",
        "What you need:\n{items}\n\nMethod:\n{steps}",
    ),
    ("Estimate the total cost of the shopping list below.", "Shopping list:\n{items}"),
    ("Put the steps below in the right order.", "Steps:\n{steps}"),
    ("Suggest a title for a recipe with these ingredients.", "Ingredients:\n{items}"),
    ("Which of these items would you need for a picnic?", "{items}"),
    ("Find the step that is missing from these instructions.", "{steps}"),
)
LIST_ITEMS = (
    "- 2 cups rice",
    "- 1 onion, chopped",
    "- 3 cloves garlic",
    "- 400 g chickpeas",
    "- 1 tbsp olive oil",
    "- salt and pepper",
    "- 2 tomatoes",
    "- a handful of basil",
)
STEPS = (
    "1. Heat the oil in a pan.",
    "2. Add the onion and cook until soft.",
    "3. Stir in the garlic and spices.",
    "4. Add the rice and the water.",
    "5. Simmer for twenty minutes.",
    "6. Season and serve warm.",
)

# What may close the prompt after the input block.
ENDINGS = ("", "", "", "\nOutput:", "\nAnswer:", "\n\nYour answer:", "\nResult:", "\n")
