/** Who acts, as proven by the authenticated activity: (tenant, Entra object id), never card data. */
export interface ActivityActor {
  tid: string;
  oid: string;
}

interface ActivityLike {
  from?: { aadObjectId?: string };
  conversation?: { tenantId?: string };
  channelData?: { tenant?: { id?: string } };
}

/** Teams puts the tenant in two places; if they disagree the activity is not trusted. */
export function actorOf(activity: ActivityLike): ActivityActor | { refused: string } {
  const oid = activity.from?.aadObjectId;
  const fromConversation = activity.conversation?.tenantId;
  const fromChannelData = activity.channelData?.tenant?.id;
  if (fromConversation && fromChannelData && fromConversation.toLowerCase() !== fromChannelData.toLowerCase()) {
    return { refused: "Nothing was changed: this activity names two different tenants." };
  }
  const tid = fromConversation ?? fromChannelData;
  if (!oid || !tid) return { refused: "Nothing was changed: RosterLink could not tell who you are from this message." };
  return { tid: tid.toLowerCase(), oid: oid.toLowerCase() };
}
