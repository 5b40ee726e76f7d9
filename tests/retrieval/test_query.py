"""What a question asks for, read from its wording."""

from __future__ import annotations

import pytest

from retrieval.query import analyse, asked_clause, expects, plain_question, typed_plainly


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Which American defence chief said Seoul can afford to chip in more?", "person"),
        ("which former nuclear envoy from seoul criticised the US?", "person"),
        ("Which minister resigned?", "person"),
        ("Which English football club signed him?", "organisation"),
        ("Which South Korean city hosted the talks?", "place"),
    ],
)
def test_a_person_place_or_body_is_asked_for_behind_two_describing_words(
    question: str, kind: str
) -> None:
    assert expects(question) == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Which audience was Michael Howard addressing in Westminster?", "entity"),
        ("Which bid did the government accept?", "entity"),
        ("What was the audience for the final?", "number"),
        ("What is the price of the phone?", "number"),
    ],
)
def test_which_picks_one_of_several_and_what_asks_for_an_amount(question: str, kind: str) -> None:
    assert expects(question) == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What did the editor make of the console's price?", "quote"),
        ("How has the union reacted to the cuts?", "quote"),
        ("How have critics described the film?", "quote"),
        # markets reacting, in a clause, do not make it a question about someone's words
        ("Which Malaysian airline lost 3% as markets reacted to the storm?", "organisation"),
    ],
)
def test_a_question_about_someone_s_words_is_read_from_its_verb(question: str, kind: str) -> None:
    assert expects(question) == kind


@pytest.mark.parametrize(
    "question",
    [
        "What led Jack Cunningham to outlaw beef on the bone?",
        "What reportedly led the two banks to drop their listing plans?",
        "What's thought to have sparked the feud between the Ambani brothers?",
        "What has annoyed the exchange's boss about his bid?",
        "What reasons did Ronnie Corbett give for slating British TV?",
        "What excuse did the minister give for the delay?",
        "What did British Airways say was behind its lower earnings?",
        "What do experts say is making borrowers less keen on debt?",
        "What stopped the television debate from going ahead?",
    ],
)
def test_a_cause_is_asked_for_however_the_question_puts_it(question: str) -> None:
    assert expects(question) == "reason"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Which company made the phones?", "organisation"),
        ("What team led the league at Christmas?", "organisation"),
        ("What did experts say was the total?", "quote"),
    ],
)
def test_making_or_leading_something_is_not_asked_as_a_cause(question: str, kind: str) -> None:
    assert expects(question) == kind


@pytest.mark.parametrize(
    ("question", "outcome"),
    [
        ("What did Mittal Steel end up paying for Arcelor?", True),
        ("When did the two sides eventually agree?", True),
        # a time clause, or what someone said is yet to come: not how it turned out
        ("Where was he first picked up before he ended up in Guantanamo Bay?", False),
        ("What did Séamus say the US will end up as if it doesn't change course?", False),
        # a reason asked: the question says how it turned out
        ("Why did Duff end up hitting the bar instead of scoring?", False),
        ("how come the sample ended up baked for a whole weekend", False),
        # a clause that only says which thing is meant
        ("how many publishers rejected the novel that went on to win the prize", False),
        ("Which firm eventually bought the club?", True),
    ],
)
def test_an_outcome_is_asked_only_in_the_question_s_own_clause(
    question: str, outcome: bool
) -> None:
    assert analyse(question, lambda name: None).outcome is outcome


@pytest.mark.parametrize(
    ("question", "file_detail"),
    [
        ("When was the Reuters story on the 80-minute talks published?", True),
        ("Who wrote the Reuters article on the collapsed talks?", True),
        ("who is the author of the article", True),
        ("Which Reuters reporter wrote the story about the talks falling apart?", True),
        # a report, a book or a remark the story is about: asked of the story's words
        ("When will the inquiry report be published?", False),
        ("Who is the author of the book mentioned in the article?", False),
        ("Who wrote that it was unfair?", False),
    ],
)
def test_only_when_a_story_came_out_or_who_wrote_it_is_a_file_detail(
    question: str, file_detail: bool
) -> None:
    assert analyse(question, lambda name: None).file_detail is file_detail


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        (
            "Joachim Johansson beat Taylor Dent to win in Adelaide - where did the Swede win his "
            "very first title?",
            "where did the Swede win his very first title?",
        ),
        (
            "In that piece about the Kremlin's tax crackdown, how far had share prices slid?",
            "how far had share prices slid?",
        ),
        (
            "I read about a court case over a folk song. Why did the judge side with the singer?",
            "Why did the judge side with the singer?",
        ),
        (
            "Brazil's insolvency law was passed – but in what year was it proposed?",
            "but in what year was it proposed?",
        ),
    ],
)
def test_the_clause_that_asks_is_told_from_the_story_the_question_tells_first(
    question: str, clause: str
) -> None:
    assert asked_clause(question) == clause


@pytest.mark.parametrize(
    "question",
    [
        "How much did the THAAD battery cost, and who paid for it?",  # two questions
        "According to the US envoy, why did the delegation walk out early?",  # whose words
        "Apart from pay, what were the striking cabin crew objecting to?",  # narrowed
        "Which quiz show host, a friend of the Tory leader, said he would be cruel?",
        "When would the second, longer walkout at the airline begin?",
    ],
)
def test_a_question_that_tells_no_story_first_has_no_separate_clause(question: str) -> None:
    assert asked_clause(question) is None


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What did the minister say about how much Seoul should pay?", "quote"),
        ("What did Jeong say about who walked out of the talks first?", "quote"),
        ("What did the analyst say about when sales will recover?", "quote"),
        ("What did the foreign secretary joke about the journalists he knows?", "quote"),
        ("What did the singer moan about after the awards?", "quote"),
        ("What did he say explains how far the club has come?", "quote"),
        ("How far did the club's shares fall?", "number"),
        ("How much did the analyst say the firm would lose?", "number"),
        ("Who did the analyst say would lose most?", "person"),
    ],
)
def test_words_said_joked_or_moaned_are_asked_for_whatever_they_are_about(
    question: str, kind: str
) -> None:
    assert expects(question) == kind


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("Why did the talks collapse?!", "Why did the talks collapse?"),
        ("why did the talks collapse ??", "why did the talks collapse?"),
        ("WHY DID THE TALKS COLLAPSE?", "why did the talks collapse?"),
        ("Who runs Lionhead, please?", "Who runs Lionhead?"),
        ("who runs lionhead please", "who runs lionhead"),
        ("Who runs Lionhead? Thanks!", "Who runs Lionhead?"),
        ("Can you tell me who runs Lionhead, please?", "who runs Lionhead?"),
        ("hey bot, who runs Lionhead?", "who runs Lionhead?"),
        ("corpusbot: who runs Lionhead?", "who runs Lionhead?"),
        ("Quick question: who runs Lionhead?", "who runs Lionhead?"),
        ("quick q - who runs Lionhead?", "who runs Lionhead?"),
        ("Could you find out who runs Lionhead? thx", "who runs Lionhead?"),
        ("I was wondering who runs Lionhead", "who runs Lionhead"),
        ("Hey, can you tell me who runs Lionhead?", "who runs Lionhead?"),
    ],
)
def test_a_question_is_read_without_shouting_repeated_marks_greetings_or_courtesy(
    typed: str, read: str
) -> None:
    # words and marks no passage holds, which the models would read as part of the question
    assert plain_question(typed) == read


@pytest.mark.parametrize(
    "typed", ["who said thanks", "Who won the NATO vote?", "please", "So Solid Crew won what?"]
)
def test_words_that_are_the_question_are_kept(typed: str) -> None:
    assert plain_question(typed) == typed_plainly(typed) == typed


@pytest.mark.parametrize(
    ("question", "done"),
    [
        ("When did Nintendo release the DS in Europe?", True),
        ("Who won the Eurovision Song Contest in Kiev?", True),
        ("Who was appointed to run the compensation payouts?", True),
        ("How big a payoff did the departing executives get?", True),
        ("who hosted the oscars the year after chris rock", True),
        ("in what year was the Kettlewick drama first shown", True),
        ("When will the DS launch in Europe?", False),
        ("When was the DS due to launch in Europe?", False),
        ("Which band member was lined up to co-host the breakfast show?", False),
        ("What day were the Globes being handed out?", False),
        ("What did Nintendo say the DS would cost?", False),
        ("How did the magazine's editor rate Boeing's new 777?", False),
        ("Who runs Lionhead?", False),
        ("What is the top speed of the new train?", False),
    ],
)
def test_a_done_event_is_asked_in_the_past_tense_not_about_words_or_plans(
    question: str, done: bool
) -> None:
    # a story written before the event tells it to come, and answers only the latter
    assert analyse(question, lambda _: None).done_event is done


@pytest.mark.parametrize(
    ("question", "ruling"),
    [
        ("what verdict did the jury reach in the fraud trial", "verdict"),
        ("What prison sentence did the Balco founder receive?", "sentence"),
        ("How long was the hacker jailed for?", "sentence"),
        ("What was the first sentence of the report?", None),
        ("How long did the trial last?", None),
        # an opinion "on" something is no court's verdict, unless a court is named
        ("What verdict did Fiona Mackinder give on Korvane's Welsh gamble?", None),
        ("What verdict did the judge give on the appeal?", "verdict"),
    ],
)
def test_a_court_s_verdict_or_sentence_is_asked_for_as_such(
    question: str, ruling: str | None
) -> None:
    assert analyse(question, lambda _: None).ruling == ruling
