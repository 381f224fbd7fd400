import pytest

from common.lix import lix, main_text, page_lix


def test_lix_is_words_per_sentence_plus_the_share_of_long_words():
    # 10 words, 2 sentences, 2 words of more than six letters ("jobcentret", "samtalen").
    figure = lix("Du har booket en tid. Jobcentret glæder sig til samtalen.")
    assert (figure.words, figure.sentences, figure.long_words) == (10, 2, 2)
    assert figure.score == pytest.approx(10 / 2 + 100 * 2 / 10)


def test_a_date_with_a_full_stop_is_not_the_end_of_a_sentence():
    assert lix("Book senest 15. december 2026. Så er du klar.").sentences == 2


def test_a_line_and_a_colon_before_a_capital_end_a_sentence():
    assert lix("Emne\nTid: Mandag kl. 10").sentences == 3


def test_the_main_text_leaves_out_what_a_reader_does_not_read_as_the_page():
    html = """<html><head><title>Ikke med</title></head><body>
    <header>Sidehoved</header>
    <main><h1>Mine samtaler</h1><nav>Brødkrumme</nav>
    <p>Du har <b>to</b> samtaler.<span class="sr-only"> Gentaget navn</span></p>
    <script>var x = "kode";</script><div hidden>Skjult</div>
    <select><option>Valgmulighed</option></select>
    <p data-lix="data">Borgerens egen lange beskrivelse</p>
    <button>Gem</button></main><footer>Sidefod</footer></body></html>"""
    assert main_text(html) == "Mine samtaler\nDu har to samtaler.\nGem"
    assert page_lix(html).sentences == 3


def test_an_empty_page_scores_nothing():
    assert page_lix("<main></main>").score == 0
