"""The words of a search marked in what a result shows."""

from unittest import mock

from measures.search import highlight as highlighting
from measures.search.highlight import highlight


def test_the_words_are_marked_and_the_rest_escaped():
    assert highlight("Home care <at> home", "care") == "Home <mark>care</mark> &lt;at&gt; home"


def test_the_stem_of_a_word_marks_its_other_forms():
    assert highlight("Coworking-Räume im Dorf", "coworking") == (
        "<mark>Coworking</mark>-Räume im Dorf"
    )


def test_marking_a_page_of_results_reads_the_words_of_the_search_once():
    highlight("a first title", "digital skills for older people")
    with mock.patch.object(highlighting, "search_words", wraps=highlighting.search_words) as read:
        for n in range(60):
            highlight(f"Digital skills, course {n}", "digital skills for older people")
    assert read.call_count == 0
