//! Checking in to an evening and leaving it.

use super::*;

impl Lounge {
    /// Checks someone in (see [`CheckIn`]). Checking in twice changes
    /// nothing. Returns the check-in's id.
    pub async fn check_in(&self, series: &Slug, date: NaiveDate, who: &CheckIn) -> Result<i64> {
        let (s, network, _) = self.lounge_series(series).await?;
        let (_, cancelled) = self.meeting(&s, date).await?;
        let actor = self.scope.actor();
        let runs = self
            .scope
            .authorize(&Action::RunLounge(network.as_str()))
            .is_ok();
        let members = self.members(&network).await?;
        let (person, organization, name) = match (who.person, &who.organization, &who.name) {
            (None, org, None) => {
                // Oneself, for one's own organisation.
                let Some(me) = actor.person.filter(|p| *p > 0) else {
                    return Err(AppError::Denied(knotenpunkt_access::Denial::SignIn));
                };
                let Some(own) = actor.organization.as_deref() else {
                    return Err(invalid(
                        "organization",
                        "your account belongs to no organisation; ask a coordinator to check you in",
                    ));
                };
                if let Some(o) = org
                    && o.as_str() != own
                {
                    return Err(invalid(
                        "organization",
                        "you check in for your own organisation; a coordinator checks in others",
                    ));
                }
                self.scope.authorize(&Action::JoinLounge {
                    network: network.as_str(),
                    organization: own,
                })?;
                let own: Slug = own
                    .parse()
                    .map_err(|e: String| invalid("organization", e))?;
                let name = self
                    .store()
                    .person(me)
                    .await
                    .map(|p| p.name)
                    .unwrap_or_else(|_| own.to_string());
                (Some(me), own, name)
            }
            (Some(person), None, None) => {
                self.scope.authorize(&Action::RunLounge(network.as_str()))?;
                let p = self
                    .store()
                    .person(person)
                    .await
                    .map_err(|_| invalid("person", format!("no person with id {person}")))?;
                let Some(org) = p.organization else {
                    return Err(invalid(
                        "person",
                        format!(
                            "{} belongs to no organisation; check them in with organization and name",
                            p.name
                        ),
                    ));
                };
                (Some(person), org, p.name)
            }
            (None, Some(org), Some(name)) => {
                self.scope.authorize(&Action::RunLounge(network.as_str()))?;
                (None, org.clone(), check_display_name(name)?)
            }
            (None, None, Some(_)) => {
                return Err(invalid(
                    "organization",
                    "name the organisation the participant sits for",
                ));
            }
            _ => {
                return Err(invalid(
                    "person",
                    "name either a person, or an organisation and a name, or nobody (yourself)",
                ));
            }
        };
        if !members.contains_key(&organization) {
            return Err(invalid(
                "organization",
                format!("'{organization}' is not a member of network '{network}'"),
            ));
        }
        if cancelled {
            return Err(invalid("date", "this meeting was cancelled"));
        }
        if !runs && self.scope.app.today() != date {
            return Err(invalid(
                "date",
                "members check themselves in on the day of the evening",
            ));
        }
        let now = self.scope.app.unix_now();
        let mut w = self.scope.write().await?;
        let present = w
            .tx()
            .lounge_evening(series, date)
            .await?
            .checkins
            .iter()
            .filter(|k| k.present())
            .count();
        if present >= MAX_LOUNGE_CHECKINS {
            return Err(invalid(
                "person",
                format!("at most {MAX_LOUNGE_CHECKINS} people can be checked in to one evening"),
            ));
        }
        let (id, changed) = w
            .tx()
            .lounge_check_in(series, date, person, &organization, &name, now)
            .await?;
        if !changed {
            return Ok(id);
        }
        w.commit(
            Audit::new(
                AuditAction::LoungeCheckIn,
                Some(&network),
                format!("{series}/{date}"),
            )
            .detail(format!("{name} ({organization})")),
        )
        .await?;
        Ok(id)
    }

    /// Marks a check-in as gone: one's own, or anyone's for a coordinator.
    /// Seats already taken stay as the record.
    pub async fn check_out(&self, series: &Slug, date: NaiveDate, checkin: i64) -> Result<()> {
        let (_, network, _) = self.lounge_series(series).await?;
        let stored = self.store().lounge_evening(series, date).await?;
        let Some(k) = stored.checkins.iter().find(|k| k.id == checkin) else {
            return Err(AppError::NotFound {
                entity: "check-in",
                key: checkin.to_string(),
            });
        };
        let own = k.person.is_some() && k.person == self.scope.actor().person;
        if !own {
            self.scope.authorize(&Action::RunLounge(network.as_str()))?;
        }
        let mut w = self.scope.write().await?;
        if !w
            .tx()
            .lounge_check_out(checkin, self.scope.app.unix_now())
            .await?
        {
            return Ok(());
        }
        w.commit(
            Audit::new(
                AuditAction::LoungeCheckOut,
                Some(&network),
                format!("{series}/{date}"),
            )
            .detail(format!("{} ({})", k.name, k.organization)),
        )
        .await
    }
}

/// A guest's display name: trimmed, not empty, not too long, no control
/// characters.
fn check_display_name(name: &str) -> Result<String> {
    let t = name.trim();
    if t.is_empty() {
        return Err(invalid("name", "must not be empty"));
    }
    if t.chars().count() > MAX_NAME {
        return Err(invalid(
            "name",
            format!("must be at most {MAX_NAME} characters long"),
        ));
    }
    if t.chars().any(char::is_control) {
        return Err(invalid("name", "must not contain control characters"));
    }
    Ok(t.to_owned())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn names_are_checked() {
        assert_eq!(check_display_name("  Anna ").unwrap(), "Anna");
        assert!(check_display_name(" ").is_err());
        assert!(check_display_name("a\u{7}b").is_err());
        assert!(check_display_name(&"x".repeat(201)).is_err());
    }
}
