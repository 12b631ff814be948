import { Badge, Body1, Link, MessageBar, MessageBarBody, MessageBarTitle, Subtitle2, Text } from "@fluentui/react-components";
import { Panel } from "../components/panel.js";
import { useApp } from "../app-context.js";
import { AccountTypePicker } from "../components/account-type-picker.js";
import { useState } from "react";
import { ConsentButton } from "../components/consent-button.js";
import { ConsentOutcome } from "../components/consent-outcome.js";
import { JoinBanner } from "../components/join-banner.js";
import { DeclinedNotice } from "../components/declined-notice.js";
import { accountTypeName, orgWords, strings } from "../strings.js";

/** Everyone's home (docs/spec.md §8): membership, account type and its source, and the one thing to do next. */
export function HomePage() {
  const { session, reloadSession } = useApp();
  const { user, membership, next } = session;
  const [consentOutcome, setConsentOutcome] = useState<string | null>(null);
  const kind = membership?.organization.kind;
  const typeName = user.accountType ? accountTypeName(user.accountType, kind) : strings.home.accountTypeUnknown;
  const source = user.accountTypeSource === "education_api" ? `from ${orgWords(kind).educationData}` : user.accountTypeSource ? (strings.accountTypeSources[user.accountTypeSource] ?? null) : null;
  return (
    <section aria-labelledby="home-title" className="stack">
      <h1 id="home-title" className="page-title">
        {strings.home.welcome(user.displayName)}
      </h1>

      {consentOutcome && <ConsentOutcome outcome={consentOutcome} />}
      {next === "consent_required" && session.consent && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{strings.consentPrompt.title}</MessageBarTitle>
            {strings.consentPrompt.body(session.consent.organization.name)}
            <ConsentButton
              url={session.consent.url}
              label={strings.consentPrompt.button}
              onDone={(outcome) => {
                setConsentOutcome(outcome);
                void reloadSession();
              }}
            />
          </MessageBarBody>
        </MessageBar>
      )}
      {session.awaitingConsent && next !== "consent_required" && (
        <MessageBar intent="info" layout="multiline" role="status" data-testid="awaiting-consent">
          <MessageBarBody>
            <MessageBarTitle>{strings.awaitingConsent.title}</MessageBarTitle>
            {strings.awaitingConsent.body(session.awaitingConsent.organization.name)}
          </MessageBarBody>
        </MessageBar>
      )}
      {session.pendingRequest && (
        <MessageBar intent="info" layout="multiline" role="status">
          <MessageBarBody>
            <MessageBarTitle>{strings.pending.title}</MessageBarTitle>
            {strings.pending.body(session.pendingRequest.organization.name)}
          </MessageBarBody>
        </MessageBar>
      )}
      {!session.pendingRequest && session.declinedRequest && <DeclinedNotice declined={session.declinedRequest} />}
      {!session.pendingRequest && session.joinOffer && next === "join_offer" && <JoinBanner organization={session.joinOffer.organization} />}

      <Panel>
        <Subtitle2 as="h2">{strings.home.organizationHeading}</Subtitle2>
        {membership ? (
          <Body1 as="p" data-testid="membership">
            {strings.home.memberOf(membership.organization.name)} <Badge appearance="outline">{strings.plans[membership.organization.plan]}</Badge>
            {membership.isAdmin && (
              <>
                {" "}
                {strings.home.adminOf} <Link href="#/admin">{strings.home.openAdmin}</Link>
              </>
            )}
          </Body1>
        ) : (
          <Body1 as="p" data-testid="membership">
            {strings.home.individual}
          </Body1>
        )}
      </Panel>

      <Panel>
        <Subtitle2 as="h2">{strings.home.accountTypeHeading}</Subtitle2>
        {next === "consent_required" && user.accountType === null ? (
          // A tenant admin grants consent first; their type is worked out when they join after it.
          <Text as="p" data-testid="account-type">
            {strings.home.accountTypeAfterConsent}
          </Text>
        ) : next === "choose_account_type" || user.accountType === null ? (
          <AccountTypePicker choices={session.accountTypeChoices} />
        ) : (
          <Text as="p" data-testid="account-type">
            {strings.home.accountType(typeName, source)}
          </Text>
        )}
        {user.teacherConfirmationPending && <Text as="p">{strings.home.teacherConfirmationPending(kind)}</Text>}
      </Panel>
    </section>
  );
}
