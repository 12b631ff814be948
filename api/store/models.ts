import { DataTypes, Model, type ModelStatic, type Sequelize, type Optional } from "sequelize";
import type {
  AccountType, AccountTypeRecheck, AccountTypeSource, Channel, JoinRequestStatus, OrganizationKind, OutboxStatus, Plan, TenantLinkStatus,
} from "./types.js";

type Generated<A> = Extract<keyof A, "id" | "createdAt" | "updatedAt">;
type Row<A extends object, O extends keyof A = never> = Model<A, Optional<A, O | Generated<A>>> & A;
interface Stamps { createdAt: Date; updatedAt: Date }

export interface OrganizationRow extends Stamps {
  id: string; name: string; kind: OrganizationKind; plan: Plan; confirmSelfChosenTeachers: boolean; leaversRejoinAutomatically: boolean;
}
export interface AccountTypeRuleRow extends Stamps { id: string; organizationId: string; groupId: string; accountType: AccountType; priority: number }
export interface TenantLinkRow extends Stamps {
  id: string; organizationId: string; tid: string; domain: string | null; status: TenantLinkStatus;
  rosterRequested: boolean; rosterAccess: boolean; grantedScopes: string; attentionCode: string | null; consentedAt: Date | null;
  healthCheckedAt: Date | null;
}
export interface UserRow extends Stamps {
  id: string; tid: string; oid: string; displayName: string; email: string | null;
  accountType: AccountType | null; accountTypeSource: AccountTypeSource | null;
  teacherConfirmationPending: boolean; joinOfferHiddenUntil: Date | null;
  /** The UTC day of the last sign-in, "YYYY-MM-DD"; null: never signed in. */
  lastSeenOn: string | null;
}
export interface MembershipRow extends Stamps {
  id: string; organizationId: string; userId: string; isAdmin: boolean; joinedVia: string;
  /** An admin asked to detect the type again at the next sign-in. */
  accountTypeRecheck: AccountTypeRecheck | null;
}
export interface TeacherSubscriptionRow extends Stamps { id: string; teacherUserId: string; status: string }
export interface SubscriptionStudentRow extends Stamps { id: string; subscriptionId: string; studentUserId: string }
export interface JoinRequestRow extends Stamps {
  id: string; organizationId: string; userId: string; status: JoinRequestStatus; detectedAccountType: AccountType | null;
  expiresAt: Date; decidedByUserId: string | null; decidedByName: string | null; decisionChannel: Channel | null; decidedAt: Date | null;
  decisionReason: string | null; canAskAgainAt: Date | null;
}
export interface ConsentStateRow {
  id: string; stateHash: string; organizationId: string; tid: string; initiatedByUserId: string | null;
  purpose: string; scopes: string; expiresAt: Date; usedAt: Date | null; createdAt: Date;
}
export interface ConversationRefRow extends Stamps { id: string; tid: string; oid: string; conversationId: string; serviceUrl: string; reference: unknown }
export interface OutboxRow extends Stamps {
  id: string; kind: string; payload: unknown; tid: string | null; conversationId: string | null; dedupeKey: string | null;
  status: OutboxStatus; attempts: number; availableAt: Date; claimedBy: string | null; claimedUntil: Date | null; sentAt: Date | null; lastError: string | null;
}
export interface CardDeliveryRow extends Stamps {
  id: string; joinRequestId: string; organizationId: string; tid: string; oid: string; conversationId: string; activityId: string; cardKind: "request" | "digest";
}
export interface TenantJoinWaitRow { id: string; userId: string; organizationId: string; tid: string; joinedAt: Date | null; claimedUntil: Date | null; createdAt: Date }
export interface ProvisioningCredentialRow extends Stamps {
  id: string; organizationId: string; tenantLinkId: string; tid: string; secretHash: string; secretHint: string; createdByUserId: string | null; lastUsedAt: Date | null;
}
export interface ProvisioningLeaverRow extends Stamps { id: string; organizationId: string; userId: string; leftAt: Date | null; deletedAt: Date | null }
export interface AuditEventRow {
  id: string; organizationId: string | null; actorUserId: string | null; actorName: string | null; action: string; channel: Channel;
  targetType: string | null; targetId: string | null; details: unknown; createdAt: Date;
}

export type OrganizationModel = ModelStatic<Row<OrganizationRow, "confirmSelfChosenTeachers" | "leaversRejoinAutomatically">>;
export type AccountTypeRuleModel = ModelStatic<Row<AccountTypeRuleRow, "priority">>;
export type TenantLinkModel = ModelStatic<Row<TenantLinkRow, "domain" | "rosterAccess" | "grantedScopes" | "attentionCode" | "consentedAt" | "healthCheckedAt">>;
export type UserModel = ModelStatic<Row<UserRow, "email" | "accountType" | "accountTypeSource" | "teacherConfirmationPending" | "joinOfferHiddenUntil" | "lastSeenOn">>;
export type MembershipModel = ModelStatic<Row<MembershipRow, "isAdmin" | "accountTypeRecheck">>;
export type TeacherSubscriptionModel = ModelStatic<Row<TeacherSubscriptionRow, "status">>;
export type SubscriptionStudentModel = ModelStatic<Row<SubscriptionStudentRow>>;
export type JoinRequestModel = ModelStatic<Row<JoinRequestRow, "detectedAccountType" | "decidedByUserId" | "decidedByName" | "decisionChannel" | "decidedAt" | "decisionReason" | "canAskAgainAt">>;
export type ConsentStateModel = ModelStatic<Row<ConsentStateRow, "initiatedByUserId" | "usedAt">>;
export type ConversationRefModel = ModelStatic<Row<ConversationRefRow>>;
export type OutboxModel = ModelStatic<Row<OutboxRow, "tid" | "conversationId" | "dedupeKey" | "attempts" | "claimedBy" | "claimedUntil" | "sentAt" | "lastError">>;
export type CardDeliveryModel = ModelStatic<Row<CardDeliveryRow>>;
export type TenantJoinWaitModel = ModelStatic<Row<TenantJoinWaitRow, "joinedAt" | "claimedUntil">>;
export type ProvisioningCredentialModel = ModelStatic<Row<ProvisioningCredentialRow, "createdByUserId" | "lastUsedAt">>;
export type ProvisioningLeaverModel = ModelStatic<Row<ProvisioningLeaverRow, "leftAt" | "deletedAt">>;
export type AuditEventModel = ModelStatic<Row<AuditEventRow, "organizationId" | "actorUserId" | "actorName" | "targetType" | "targetId" | "details">>;

export interface Models {
  Organization: OrganizationModel;
  AccountTypeRule: AccountTypeRuleModel;
  TenantLink: TenantLinkModel;
  User: UserModel;
  Membership: MembershipModel;
  TeacherSubscription: TeacherSubscriptionModel;
  SubscriptionStudent: SubscriptionStudentModel;
  JoinRequest: JoinRequestModel;
  ConsentState: ConsentStateModel;
  ConversationRef: ConversationRefModel;
  Outbox: OutboxModel;
  AuditEvent: AuditEventModel;
  CardDelivery: CardDeliveryModel;
  TenantJoinWait: TenantJoinWaitModel;
  ProvisioningCredential: ProvisioningCredentialModel;
  ProvisioningLeaver: ProvisioningLeaverModel;
}

// Attribute definitions are functions: Sequelize writes into the objects it is given, so a
// shared object would carry one model's column names into the next.
const pk = () => ({ type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 });
const str = (allowNull = false) => ({ type: DataTypes.STRING, allowNull });
const bool = (defaultValue = false) => ({ type: DataTypes.BOOLEAN, allowNull: false, defaultValue });
const date = (allowNull = true) => ({ type: DataTypes.DATE, allowNull });
const json = (allowNull = false) => ({ type: DataTypes.JSON, allowNull });
const uuidRef = (allowNull = false) => ({ type: DataTypes.UUID, allowNull });
const withTimestamps = { underscored: true, timestamps: true } as const;
const createdOnly = { underscored: true, timestamps: true, updatedAt: false } as const;

/** Models mirror the migrations; the schema itself is owned by the migrations, never by sync(). */
export function defineModels(sequelize: Sequelize): Models {
  const define = <M extends ModelStatic<Model>>(name: string, table: string, attributes: Record<string, unknown>, options: object = withTimestamps) =>
    sequelize.define(name, attributes as never, { tableName: table, ...options }) as unknown as M;

  return {
    Organization: define("Organization", "organizations", { id: pk(), name: str(), kind: str(), plan: str(), confirmSelfChosenTeachers: bool(), leaversRejoinAutomatically: bool() }),
    AccountTypeRule: define("AccountTypeRule", "account_type_rules", {
      id: pk(), organizationId: uuidRef(), groupId: str(), accountType: str(), priority: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    }),
    TenantLink: define("TenantLink", "tenant_links", {
      id: pk(), organizationId: uuidRef(), tid: str(), domain: str(true), status: str(), rosterRequested: bool(true),
      rosterAccess: bool(), grantedScopes: { type: DataTypes.TEXT, allowNull: false, defaultValue: "" }, attentionCode: str(true), consentedAt: date(),
      healthCheckedAt: date(),
    }),
    User: define("User", "users", {
      id: pk(), tid: str(), oid: str(), displayName: { ...str(), defaultValue: "" }, email: str(true), accountType: str(true),
      accountTypeSource: str(true), teacherConfirmationPending: bool(), joinOfferHiddenUntil: date(), lastSeenOn: str(true),
    }),
    Membership: define("Membership", "memberships", {
      id: pk(), organizationId: uuidRef(), userId: uuidRef(), isAdmin: bool(), joinedVia: str(), accountTypeRecheck: str(true),
    }),
    TeacherSubscription: define("TeacherSubscription", "teacher_subscriptions", { id: pk(), teacherUserId: uuidRef(), status: { ...str(), defaultValue: "active" } }),
    SubscriptionStudent: define("SubscriptionStudent", "subscription_students", { id: pk(), subscriptionId: uuidRef(), studentUserId: uuidRef() }),
    JoinRequest: define("JoinRequest", "join_requests", {
      id: pk(), organizationId: uuidRef(), userId: uuidRef(), status: str(), detectedAccountType: str(true), expiresAt: date(false),
      decidedByUserId: uuidRef(true), decidedByName: str(true), decisionChannel: str(true), decidedAt: date(),
      decisionReason: str(true), canAskAgainAt: date(),
    }),
    ConsentState: define("ConsentState", "consent_states", {
      id: pk(), stateHash: str(), organizationId: uuidRef(), tid: str(), initiatedByUserId: uuidRef(true), purpose: str(),
      scopes: { type: DataTypes.TEXT, allowNull: false }, expiresAt: date(false), usedAt: date(),
    }, createdOnly),
    ConversationRef: define("ConversationRef", "conversation_refs", {
      id: pk(), tid: str(), oid: str(), conversationId: str(), serviceUrl: str(), reference: json(),
    }),
    Outbox: define("Outbox", "outbox", {
      id: pk(), kind: str(), payload: json(), tid: str(true), conversationId: str(true), dedupeKey: str(true), status: str(),
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 }, availableAt: date(false), claimedBy: str(true),
      claimedUntil: date(), sentAt: date(), lastError: str(true),
    }),
    AuditEvent: define("AuditEvent", "audit_events", {
      id: pk(), organizationId: uuidRef(true), actorUserId: uuidRef(true), actorName: str(true), action: str(), channel: str(),
      targetType: str(true), targetId: str(true), details: json(true),
    }, createdOnly),
    CardDelivery: define("CardDelivery", "card_deliveries", {
      id: pk(), joinRequestId: uuidRef(), organizationId: uuidRef(), tid: str(), oid: str(), conversationId: str(), activityId: str(), cardKind: str(),
    }),
    TenantJoinWait: define("TenantJoinWait", "tenant_join_waits", { id: pk(), userId: uuidRef(), organizationId: uuidRef(), tid: str(), joinedAt: date(), claimedUntil: date() }, createdOnly),
    ProvisioningCredential: define("ProvisioningCredential", "provisioning_credentials", {
      id: pk(), organizationId: uuidRef(), tenantLinkId: uuidRef(), tid: str(), secretHash: str(), secretHint: str(), createdByUserId: uuidRef(true), lastUsedAt: date(),
    }),
    ProvisioningLeaver: define("ProvisioningLeaver", "provisioning_leavers", { id: pk(), organizationId: uuidRef(), userId: uuidRef(), leftAt: date(), deletedAt: date() }),
  };
}
