"""The membership a recall puts to the vote: the recalled officeholder's seat and term.

The incumbent lists show each seat's holder when the page was captured, so a list captured after
a recall names the successor (the 2017 list names LING LING CHANG for Senate district 29, not JOSH
NEWMAN, recalled in June 2018). The recalled person is found instead by the committees for and
against the recall, which name them ("NEWMAN OPPOSED TO THE RECALL, FRIENDS OF JOSH"): the one
person who held the recalled post in any session and whose family name the committees name. Their
membership of the recall's session is linked; when the list does not have it, it is written, from
the session's start to the recall's day. A recall whose committees name no such person (the 2021
recall of the governor has no committees on the captured site) stays unlinked.
"""

from __future__ import annotations

import re

from calaccess_processed.models.ocd import Membership, Post, RetentionContest
from calaccess_processed.ocd.election_dates import session_of
from calaccess_processed.ocd.ids import ocd_id
from calaccess_processed.ocd.measures import MEASURE_ID_SCHEME, load_retention_contests
from calaccess_scraped.models import PropositionCommittee


def family_name(name: str) -> str:
    return name.split(",", 1)[0].strip().upper()


def recalled_post(contest: RetentionContest) -> Post | None:
    """The post recalled: the district's legislative seat, or the statewide office named first."""
    if contest.division_id.rsplit("/", 1)[-1].startswith(("sldu:", "sldl:")):
        return Post.objects.filter(
            division_id=contest.division_id, organization__classification__in=["upper", "lower"]
        ).first()
    office = contest.name.split(" - ", 1)[0].strip().upper()
    return Post.objects.filter(label=office).first()


def _measure_id(contest: RetentionContest) -> str | None:
    return (
        contest.identifiers.filter(scheme=MEASURE_ID_SCHEME)
        .values_list("identifier", flat=True)
        .first()
    )


def recalled_membership(contest: RetentionContest) -> Membership | None:
    """The recalled officeholder's membership of the recall's session, written when missing."""
    post = recalled_post(contest)
    measure = _measure_id(contest)
    if post is None or measure is None:
        return None
    committees = " ".join(
        PropositionCommittee.objects.filter(proposition__measure_id=measure).values_list(
            "name", flat=True
        )
    ).upper()
    held = Membership.objects.filter(post=post).exclude(person=None).order_by("start_date", "pk")
    named = {
        membership.person_id: membership
        for membership in held
        if re.search(rf"\b{re.escape(family_name(membership.person_name))}\b", committees)
    }
    if len(named) != 1:
        return None
    [membership] = named.values()
    session = str(session_of(contest.election.date.year))
    existing = held.filter(person_id=membership.person_id, start_date=session).first()
    if existing is not None:
        return existing
    recalled, _ = Membership.objects.update_or_create(
        id=ocd_id("membership", "recall", measure),
        defaults={
            "organization_id": post.organization_id,
            "post": post,
            "person_id": membership.person_id,
            "person_name": membership.person_name,
            "role": post.role,
            "start_date": session,
            "end_date": contest.election.date.isoformat(),
            "extras": {"recalled_in": contest.id},
        },
    )
    return recalled


def link_recalled_memberships() -> int:
    """Link every retention contest to its recalled membership; return how many are linked."""
    linked = 0
    for contest in RetentionContest.objects.select_related("election"):
        membership = recalled_membership(contest)
        if contest.membership_id != (membership.pk if membership else None):
            RetentionContest.objects.filter(pk=contest.pk).update(membership=membership)
        linked += membership is not None
    return linked


def load_retention_contests_and_memberships(flush: bool = False) -> int:
    """A ``RetentionContest`` for every scraped recall, linked to its recalled membership when
    the officeholders are loaded (their step links them again when it rebuilds memberships)."""
    try:
        return load_retention_contests(flush=flush)
    finally:
        link_recalled_memberships()
