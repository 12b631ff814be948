import { useCallback, useEffect, useRef, useState } from "react";
import { Button, MessageBar, MessageBarBody, Subtitle2, Switch, Text } from "@fluentui/react-components";
import { accountTypeSettingsEndpoints, type AccountTypeSettingsView, type SaveAccountTypeSettingsBody } from "../../../../contract/account-type-settings.js";
import { useApp } from "../../app-context.js";
import { ErrorView, Loading } from "../../components/state-views.js";
import { strings } from "../../strings.js";
import { GroupRulesEditor, groupIdProblem, priorityProblem, type RuleDraft } from "./group-rules-editor.js";

/** Settings → Account types (docs/spec.md §5): group rules and whether self-chosen teachers wait for confirmation. */
export function AccountTypeSettingsSection({ orgId }: { orgId: string }) {
  const { api, session } = useApp();
  const kind = session.membership?.organization.kind;
  const t = strings.accountTypeSettings;
  const nextKey = useRef(0);
  const [settings, setSettings] = useState<AccountTypeSettingsView | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [confirm, setConfirm] = useState(false);
  const [rules, setRules] = useState<RuleDraft[]>([]);
  const [showProblems, setShowProblems] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const show = useCallback((view: AccountTypeSettingsView) => {
    setSettings(view);
    setConfirm(view.confirmSelfChosenTeachers);
    setRules(view.groupRules.map((rule) => ({ key: nextKey.current++, groupId: rule.groupId, accountType: rule.accountType, priority: String(rule.priority) })));
    setShowProblems(false);
  }, []);
  const load = useCallback(async () => {
    setLoadError(null);
    try {
      show(await api.call(accountTypeSettingsEndpoints.get, { params: { orgId } }));
    } catch (failure) {
      setLoadError(failure);
    }
  }, [api, orgId, show]);
  useEffect(() => void load(), [load]);

  const edit = (change: () => void) => {
    setSaved(false);
    change();
  };
  const save = async () => {
    setSaved(false);
    setSaveError(null);
    if (rules.some((rule) => groupIdProblem(rule) || priorityProblem(rule))) {
      setShowProblems(true);
      return setSaveError(new Error(t.fixErrors));
    }
    setSaving(true);
    try {
      const body: SaveAccountTypeSettingsBody = {
        confirmSelfChosenTeachers: confirm,
        groupRules: rules.map((rule) => ({ groupId: rule.groupId.trim(), accountType: rule.accountType as SaveAccountTypeSettingsBody["groupRules"][number]["accountType"], priority: Number(rule.priority) })),
      };
      show(await api.call(accountTypeSettingsEndpoints.save, { params: { orgId }, body }));
      setSaved(true);
    } catch (failure) {
      setSaveError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section aria-labelledby="account-types-title" className="stack">
      <Subtitle2 as="h2" id="account-types-title">
        {t.title}
      </Subtitle2>
      {loadError !== null ? (
        <ErrorView error={loadError} onRetry={() => void load()} />
      ) : !settings ? (
        <Loading />
      ) : (
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <Text as="p">{t.intro(kind)}</Text>
          <div>
            <Switch checked={confirm} onChange={(_, data) => edit(() => setConfirm(data.checked))} label={t.confirmSwitch(kind)} />
            <Text as="p" block size={200}>
              {t.confirmHint(kind)}
            </Text>
          </div>
          <Subtitle2 as="h3">{t.rulesHeading}</Subtitle2>
          {settings.groupRulesAvailable ? (
            <>
              <Text as="p" block size={200}>
                {t.rulesHint}
              </Text>
              <GroupRulesEditor
                rules={rules}
                choices={settings.accountTypeChoices}
                showProblems={showProblems}
                onChange={(next) => edit(() => setRules(next))}
                onAdd={() => edit(() => setRules([...rules, { key: nextKey.current++, groupId: "", accountType: settings.accountTypeChoices[0]!, priority: "0" }]))}
              />
            </>
          ) : (
            <Text as="p">{t.rulesUnavailable}</Text>
          )}
          {saveError !== null && <ErrorView error={saveError} />}
          {saved && (
            <MessageBar intent="success" role="status">
              <MessageBarBody>{t.saved}</MessageBarBody>
            </MessageBar>
          )}
          <div>
            <Button appearance="primary" type="submit" disabled={saving}>
              {t.saveButton}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
