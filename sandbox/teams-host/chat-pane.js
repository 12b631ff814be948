/* global window, document, fetch, setInterval */
// The chat pane of the sandbox's Teams host: the persona's personal chat with the RosterLink bot.
// Cards render with the adaptivecards package; their Action.Execute / Action.Submit go to the bot
// through the sandbox Bot Connector's control endpoints, as Teams would send them.
"use strict";
(function () {
  const config = JSON.parse(document.getElementById("host-config").textContent);
  const log = document.getElementById("chat-log");
  const errorLine = document.getElementById("chat-error");
  const rendered = new Map();
  let refreshing = false;

  async function call(method, path, body) {
    const response = await fetch(path, {
      method,
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.error_description || answer.error || `HTTP ${response.status}`);
    return answer;
  }

  function showError(error) {
    errorLine.textContent = error ? `The bot could not be reached: ${error.message || error}` : "";
  }

  async function act(activityId, action) {
    showError(null);
    try {
      const type = action.getJsonTypeName();
      if (type === "Action.Execute") {
        await call("POST", "/sandbox/connector/invoke", { upn: config.upn, activityId, verb: action.verb, data: action.data || {} });
      } else if (type === "Action.Submit") {
        await call("POST", "/sandbox/connector/submit", { upn: config.upn, activityId, data: action.data || {} });
      } else if (type === "Action.OpenUrl" && action.url) {
        window.open(action.url, "_blank", "noopener");
      }
    } catch (error) {
      showError(error);
    }
    await refresh();
  }

  function renderCard(activityId, content) {
    const card = new window.AdaptiveCards.AdaptiveCard();
    card.onExecuteAction = (action) => void act(activityId, action);
    try {
      card.parse(content);
      return card.render() || document.createTextNode("(empty card)");
    } catch (error) {
      const note = document.createElement("p");
      note.textContent = `This card could not be shown: ${error.message || error}`;
      return note;
    }
  }

  // Teams renders a message's markdown; the pane handles what the bot uses: **bold** and line breaks.
  // Text goes in as text nodes only, never as HTML.
  function renderText(text) {
    const paragraph = document.createElement("p");
    text.split(/\n/).forEach((line, index) => {
      if (index > 0) paragraph.append(document.createElement("br"));
      line.split(/\*\*(.+?)\*\*/g).forEach((part, i) => {
        if (i % 2 === 1) {
          const strong = document.createElement("strong");
          strong.textContent = part;
          paragraph.append(strong);
        } else if (part) {
          paragraph.append(document.createTextNode(part));
        }
      });
    });
    return paragraph;
  }

  // Universal Actions refresh, as Teams does it: when a card with a `refresh` action is shown to a
  // user it applies to (no userIds in a small chat, or the user's 29: id listed), the client invokes
  // it and shows the bot's answer in place of the stored card. The stored card itself is unchanged.
  function appliesToMe(refresh) {
    if (!refresh || !refresh.action || refresh.action.type !== "Action.Execute") return false;
    if (!Array.isArray(refresh.userIds)) return true;
    return refresh.userIds.includes(`29:${config.context.userObjectId}`);
  }

  async function autoRefresh(activityId, content, holder) {
    try {
      const answer = await call("POST", "/sandbox/connector/invoke", {
        upn: config.upn,
        activityId,
        verb: content.refresh.action.verb,
        data: content.refresh.action.data || {},
        trigger: "automatic",
      });
      const body = answer && answer.body;
      if (body && body.type === "application/vnd.microsoft.card.adaptive" && body.value) {
        holder.replaceChildren(renderCard(activityId, body.value));
        holder.dataset.refreshed = "true";
      }
    } catch (error) {
      showError(error);
    }
  }

  function renderActivity(activity) {
    const item = document.createElement("article");
    item.className = "chat-message";
    item.dataset.activityId = activity.id;
    if (activity.text) item.append(renderText(activity.text));
    for (const attachment of activity.attachments || []) {
      if (attachment && attachment.contentType === "application/vnd.microsoft.card.adaptive") {
        const holder = document.createElement("div");
        holder.className = "chat-card";
        holder.append(renderCard(activity.id, attachment.content));
        item.append(holder);
        if (appliesToMe(attachment.content.refresh)) void autoRefresh(activity.id, attachment.content, holder);
      }
    }
    return item;
  }

  // Re-render only what changed, so a card someone is reading does not flicker on every poll.
  async function refresh() {
    if (refreshing) return;
    refreshing = true;
    try {
      const conversation = await call("GET", `/sandbox/connector/conversations/${encodeURIComponent(config.upn)}`);
      const seen = new Set();
      for (const activity of conversation.activities) {
        seen.add(activity.id);
        const previous = rendered.get(activity.id);
        if (previous && previous.updatedAt === activity.updatedAt) continue;
        const element = renderActivity(activity);
        if (previous) previous.element.replaceWith(element);
        else log.append(element);
        rendered.set(activity.id, { updatedAt: activity.updatedAt, element });
      }
      for (const [id, entry] of rendered) {
        if (!seen.has(id)) {
          entry.element.remove();
          rendered.delete(id);
        }
      }
      document.body.dataset.chatActivities = String(conversation.activities.length);
    } catch (error) {
      showError(error);
    } finally {
      refreshing = false;
    }
  }

  document.getElementById("chat-install").addEventListener("click", async () => {
    showError(null);
    try {
      await call("POST", "/sandbox/connector/install", { upn: config.upn });
    } catch (error) {
      showError(error);
    }
    await refresh();
  });

  document.getElementById("chat-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const input = document.getElementById("chat-text");
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    showError(null);
    try {
      await call("POST", "/sandbox/connector/message", { upn: config.upn, text });
    } catch (error) {
      showError(error);
    }
    await refresh();
  });

  for (const control of document.querySelectorAll("#chat-install, #chat-form button")) control.disabled = false;
  document.body.dataset.chatReady = "true";
  window.teamsChat = { refresh };
  void refresh();
  setInterval(() => void refresh(), 2000);
})();
