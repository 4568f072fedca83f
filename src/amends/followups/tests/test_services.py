"""Follow-ups and survey answers."""

from __future__ import annotations

import datetime as dt

import pytest

from amends.cases.selectors import case_timeline
from amends.core.errors import InvalidInput
from amends.followups.models import FollowUpStatus, SurveyResponse
from amends.followups.services import followup_schedule, survey_record


@pytest.mark.django_db
class TestFollowUps:
    def test_schedule_then_an_answer_marks_it_answered(self, make_case, agent) -> None:
        case = make_case()
        due = dt.datetime(2031, 6, 1, 9, tzinfo=dt.UTC)
        follow_up = followup_schedule(case=case, actor=agent, due_at=due)
        assert (follow_up.status, follow_up.due_at) == (FollowUpStatus.SCHEDULED, due)
        response = survey_record(case=case, follow_up=follow_up, satisfaction="4", would_recommend=9,
                                 will_return=True, comment="Quick and kind.")
        follow_up.refresh_from_db()
        assert follow_up.status == FollowUpStatus.ANSWERED
        assert (response.satisfaction, response.would_recommend, response.will_return) == (4, 9, True)
        types = list(case_timeline(case=case).values_list("type", flat=True))
        assert types[-2:] == ["follow_up_scheduled", "survey_answered"]

    @pytest.mark.parametrize("satisfaction,recommend", [(0, 5), (6, 5), (3, 11), (3, -1), ("x", 3), (True, 3),
                                                        (3.5, 3), (None, 3)])
    def test_out_of_range_answers_are_refused(self, make_case, satisfaction, recommend) -> None:
        case = make_case()
        with pytest.raises(InvalidInput):
            survey_record(case=case, follow_up=None, satisfaction=satisfaction, would_recommend=recommend,
                          will_return=False)
        assert SurveyResponse.objects.count() == 0
        assert case_timeline(case=case).reverse()[0].type != "survey_answered"
