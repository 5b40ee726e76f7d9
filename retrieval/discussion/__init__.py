"""What the readers say: answers about the comment discussion itself.

Questions about the discussion as a whole ("What do readers think of the $5bn demand?"),
about who answered whom ("Who replied to CHUCKMAN?") and about one exchange ("What did Ilya
and Joe argue about?") are recognised (``recognise``) and answered from the parsed comment
trees (``tree``): counts of comments and commenters, positions grouped by clustering the
comments' vectors (``positions``), and the exchanges in which replies push back (``exchanges``,
``stance``), every quote an exact, attributed, cited substring of a comment (``quotes``,
``compose``). ``service`` ties it together for ``Answerer.ask``, ``corpusbot discussion`` and
``/discussion``.
"""

from retrieval.discussion.service import Discussions, NoDiscussion

__all__ = ["Discussions", "NoDiscussion"]
