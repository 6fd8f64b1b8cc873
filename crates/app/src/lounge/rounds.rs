//! Drawing a round and placing late joiners: the engine's request from
//! who is here and the history, then the round stored.

use super::*;

impl Lounge {
    /// Draws the next round from who is here (coordinators).
    pub async fn draw(&self, series: &Slug, date: NaiveDate, req: &DrawRequest) -> Result<Drawn> {
        let (s, network, settings) = self.lounge_series(series).await?;
        self.scope.authorize(&Action::RunLounge(network.as_str()))?;
        let mut problems = Vec::new();
        let room_size = req.room_size.unwrap_or(settings.room_size);
        let minutes = req.minutes.unwrap_or(settings.round_minutes);
        let check = LoungeSettings {
            room_size,
            round_minutes: minutes,
            ..settings.clone()
        };
        if let Err(e) = check.validate() {
            problems.extend(e.0);
        }
        if req.round == Some(0) {
            problems.push(FieldError::new("round", "rounds are counted from 1"));
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems));
        }
        let (meeting_start, cancelled) = self.meeting(&s, date).await?;
        if cancelled {
            return Err(invalid("date", "this meeting was cancelled"));
        }
        let stored = self.store().lounge_evening(series, date).await?;
        let next = stored.rounds.last().map_or(1, |r| r.number + 1);
        if let Some(asked) = req.round {
            if asked < next {
                return Ok(Drawn {
                    round: asked,
                    created: false,
                });
            }
            if asked > next {
                return Err(invalid(
                    "round",
                    format!("the next round of this evening is {next}, not {asked}"),
                ));
            }
        }
        if next > MAX_LOUNGE_ROUNDS {
            return Err(invalid(
                "round",
                format!("an evening has at most {MAX_LOUNGE_ROUNDS} rounds"),
            ));
        }
        let members = self.members(&network).await?;
        let present = present_of(&stored.checkins, &members);
        let history = self.store().lounge_history(&network).await?;
        let input = draw::DrawInput {
            present: &present,
            history: &history,
            series,
            date,
            round: next,
            room_size,
            mix: settings.mix,
            seating: settings.seating,
            seated: Vec::new(),
            seed: draw::seed(series, date, next),
        };
        let rooms = plan(draw::request(&input)).await?;
        let now = self.scope.app.now();
        let (starts, ends) = round_times(
            now,
            meeting_start,
            date,
            self.scope.app.today(),
            next,
            minutes,
        );
        let mut new_rooms = Vec::with_capacity(rooms.len());
        for (i, checkins) in rooms.into_iter().enumerate() {
            new_rooms.push(NewRoom {
                number: i as u32 + 1,
                token: new_token()?,
                checkins,
            });
        }
        let count = new_rooms.len();
        let mut w = self.scope.write().await?;
        match w
            .tx()
            .insert_lounge_round(series, date, next, starts, ends, &new_rooms)
            .await
        {
            Ok(_) => {}
            Err(knotenpunkt_store::StoreError::Conflict { .. }) => {
                // Another draw of this round committed first: that one stands.
                return Ok(Drawn {
                    round: next,
                    created: false,
                });
            }
            Err(e) => return Err(e.into()),
        }
        w.commit(
            Audit::new(
                AuditAction::LoungeDraw,
                Some(&network),
                format!("{series}/{date}"),
            )
            .detail(format!(
                "round {next}: {} people in {count} rooms",
                present.len()
            )),
        )
        .await?;
        Ok(Drawn {
            round: next,
            created: true,
        })
    }

    /// Places those who checked in after round `round` was drawn into it,
    /// without moving anyone seated; a new room opens when enough arrive.
    /// Returns how many were placed (0: nobody was waiting).
    pub async fn place_late(&self, series: &Slug, date: NaiveDate, round: u32) -> Result<usize> {
        let (_, network, settings) = self.lounge_series(series).await?;
        self.scope.authorize(&Action::RunLounge(network.as_str()))?;
        let stored = self.store().lounge_evening(series, date).await?;
        let Some(r) = stored.rounds.iter().find(|r| r.number == round) else {
            return Err(AppError::NotFound {
                entity: "round",
                key: format!("{series}/{date}/{round}"),
            });
        };
        if stored
            .rounds
            .last()
            .is_some_and(|last| last.number != round)
        {
            return Err(invalid(
                "round",
                "late joiners go into the latest round only",
            ));
        }
        let members = self.members(&network).await?;
        let present = present_of(&stored.checkins, &members);
        let here: HashSet<i64> = present.iter().map(|p| p.checkin).collect();
        let seated_all: HashSet<i64> = r
            .rooms
            .iter()
            .flat_map(|m| m.seats.iter().map(|s| s.checkin))
            .collect();
        let newcomers: Vec<i64> = present
            .iter()
            .map(|p| p.checkin)
            .filter(|k| !seated_all.contains(k))
            .collect();
        if newcomers.is_empty() {
            return Ok(0);
        }
        // Rooms still occupied by someone present, in room order.
        let open: Vec<(u32, Vec<i64>)> = r
            .rooms
            .iter()
            .map(|m| {
                (
                    m.number,
                    m.seats
                        .iter()
                        .map(|s| s.checkin)
                        .filter(|k| here.contains(k))
                        .collect::<Vec<_>>(),
                )
            })
            .filter(|(_, seats)| !seats.is_empty())
            .collect();
        // Only the present who are seated or new take part in the request.
        let people: Vec<draw::Present> = present
            .into_iter()
            .filter(|p| newcomers.contains(&p.checkin) || seated_all.contains(&p.checkin))
            .collect();
        let history = self.store().lounge_history(&network).await?;
        let input = draw::DrawInput {
            present: &people,
            history: &history,
            series,
            date,
            round,
            room_size: settings.room_size,
            mix: settings.mix,
            seating: settings.seating,
            seated: open.iter().map(|(_, s)| s.clone()).collect(),
            seed: draw::seed(series, date, round) ^ newcomers.len() as u64,
        };
        let rooms = plan(draw::request(&input)).await?;
        let mut next_room = r.rooms.iter().map(|m| m.number).max().unwrap_or(0) + 1;
        let newcomer_set: HashSet<i64> = newcomers.iter().copied().collect();
        let mut placements = Vec::new();
        for room in rooms {
            let fresh: Vec<i64> = room
                .iter()
                .copied()
                .filter(|k| newcomer_set.contains(k))
                .collect();
            if fresh.is_empty() {
                continue;
            }
            let existing = open
                .iter()
                .find(|(_, seats)| seats.iter().any(|k| room.contains(k)))
                .map(|(n, _)| *n);
            let (number, token) = match existing {
                Some(n) => (
                    n,
                    r.rooms
                        .iter()
                        .find(|m| m.number == n)
                        .map(|m| m.token.clone())
                        .unwrap_or_default(),
                ),
                None => {
                    let n = next_room;
                    next_room += 1;
                    (n, new_token()?)
                }
            };
            placements.push(NewRoom {
                number,
                token,
                checkins: fresh,
            });
        }
        let placed: usize = placements.iter().map(|p| p.checkins.len()).sum();
        let mut w = self.scope.write().await?;
        w.tx().add_lounge_seats(r.id, &placements, true).await?;
        w.commit(
            Audit::new(
                AuditAction::LoungeLate,
                Some(&network),
                format!("{series}/{date}"),
            )
            .detail(format!("round {round}: {placed} placed")),
        )
        .await?;
        Ok(placed)
    }
}

/// Present check-ins with their organisation's cohort and state.
fn present_of(checkins: &[LoungeCheckin], members: &HashMap<Slug, Member>) -> Vec<draw::Present> {
    checkins
        .iter()
        .filter(|k| k.present())
        .map(|k| {
            let m = members.get(&k.organization);
            draw::Present {
                checkin: k.id,
                organization: k.organization.clone(),
                cohort: m.and_then(|m| m.cohort.clone()),
                state: m.and_then(|m| m.state),
            }
        })
        .collect()
}

/// Runs the engine on a blocking thread (it computes for up to
/// [`draw::DRAW_TIME_LIMIT`]) and returns the first round's rooms.
async fn plan(request: matching::Request) -> Result<Vec<Vec<i64>>> {
    let outcome = tokio::task::spawn_blocking(move || matching::plan(&request))
        .await
        .map_err(|e| AppError::Unavailable(format!("the draw did not finish: {e}")))?;
    match outcome {
        Ok(plan) => Ok(draw::rooms_of(&plan)),
        Err(matching::Error::TooFewParticipants { present, needed }) => Err(invalid(
            "checkins",
            format!("{present} present, but a room needs at least {needed}"),
        )),
        Err(e) => Err(invalid("checkins", e.to_string())),
    }
}

/// When round `number` begins and ends: now, on the evening itself; for an
/// evening recorded on another day, the meeting's start plus the rounds
/// before it.
fn round_times(
    now: DateTime<Utc>,
    meeting_start: DateTime<Utc>,
    date: NaiveDate,
    today: NaiveDate,
    number: u32,
    minutes: u32,
) -> (i64, i64) {
    let start = if date == today {
        now
    } else {
        meeting_start + Duration::minutes(i64::from(minutes) * i64::from(number.saturating_sub(1)))
    };
    let end = start + Duration::minutes(i64::from(minutes));
    (start.timestamp(), end.timestamp())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn rounds_of_a_recorded_evening_follow_the_meeting() {
        let start = Utc.with_ymd_and_hms(2026, 12, 2, 17, 0, 0).unwrap();
        let now = Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap();
        let d: NaiveDate = "2026-12-02".parse().unwrap();
        let today: NaiveDate = "2026-12-07".parse().unwrap();
        let (s, e) = round_times(now, start, d, today, 2, 20);
        assert_eq!(s, (start + Duration::minutes(20)).timestamp());
        assert_eq!(e - s, 1200);
        let (s, _) = round_times(now, start, today, today, 1, 20);
        assert_eq!(s, now.timestamp());
    }
}
