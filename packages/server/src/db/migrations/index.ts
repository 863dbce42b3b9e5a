import { Foundation1795305600000 } from "./1795305600000-Foundation";
import { CareerTaxonomy1795305600001 } from "./1795305600001-CareerTaxonomy";
import { InterviewRequests1795305600100 } from "./1795305600100-InterviewRequests";
import { ConsentTextKindMatch1795305600210 } from "./1795305600210-ConsentTextKindMatch";
import { RequestLifecycleDetails1795305600400 } from "./1795305600400-RequestLifecycleDetails";
import { Conversations1795305600500 } from "./1795305600500-Conversations";
import { OutboxDelivery1795305600600 } from "./1795305600600-OutboxDelivery";
import { Matching1795305601000 } from "./1795305601000-Matching";
import { MatchingMonthIndex1795305601100 } from "./1795305601100-MatchingMonthIndex";
import { Reports1795305601500 } from "./1795305601500-Reports";
import { ReportSpeed1795305601600 } from "./1795305601600-ReportSpeed";
import { ApiKeys1795305602000 } from "./1795305602000-ApiKeys";
import { Webhooks1795305602100 } from "./1795305602100-Webhooks";
import { SyncFeeds1795305602200 } from "./1795305602200-SyncFeeds";
import { MembershipDeactivation1795305602300 } from "./1795305602300-MembershipDeactivation";
import { AnalyzePeopleTables1795305602310 } from "./1795305602310-AnalyzePeopleTables";
import { ReportChanges1795305602400 } from "./1795305602400-ReportChanges";
import { NeedsActionIndexes1795305602401 } from "./1795305602401-NeedsActionIndexes";
import { ReportChangesPerStatement1795305602402 } from "./1795305602402-ReportChangesPerStatement";
import { PoliciesOnce1795305602500 } from "./1795305602500-PoliciesOnce";
import { ViewerCheck1795305602510 } from "./1795305602510-ViewerCheck";
import { ExpiredByClosedAt1795305602600 } from "./1795305602600-ExpiredByClosedAt";
import { SearchLower1795305602610 } from "./1795305602610-SearchLower";
import { TenantKeys1795305602630 } from "./1795305602630-TenantKeys";
import { JobsOnGraphileWorker1795305602700 } from "./1795305602700-JobsOnGraphileWorker";
import { CampusSignIn1795305603000 } from "./1795305603000-CampusSignIn";
import { IdempotencyInputHash1795305603100 } from "./1795305603100-IdempotencyInputHash";
import { AuditLogAndConsentRecords1795305603200 } from "./1795305603200-AuditLogAndConsentRecords";
import { IdentityLocale1795305603300 } from "./1795305603300-IdentityLocale";
import { DailyLoop1795305603400 } from "./1795305603400-DailyLoop";
import { Accommodations1795305603900 } from "./1795305603900-Accommodations";
import { InAppNotifications1795305604100 } from "./1795305604100-InAppNotifications";
import { ThankYouComposer1795305604300 } from "./1795305604300-ThankYouComposer";
import { AccommodationReportChanges1795305604400 } from "./1795305604400-AccommodationReportChanges";
import { AcademicTerms1795305604500 } from "./1795305604500-AcademicTerms";
import { AcademicTermsReportChanges1795305604600 } from "./1795305604600-AcademicTermsReportChanges";
import { AlumnusProfileLinks1795305605400 } from "./1795305605400-AlumnusProfileLinks";
import { RetentionRequestTexts1795305605500 } from "./1795305605500-RetentionRequestTexts";
import { RemindersInApp1795305605600 } from "./1795305605600-RemindersInApp";
import { InstitutionDefaultLocale1795305605300 } from "./1795305605300-InstitutionDefaultLocale";
import { AutomaticGraduation1795305605000 } from "./1795305605000-AutomaticGraduation";
import { ConsentInForceCheck1795305603500 } from "./1795305603500-ConsentInForceCheck";
import { ErasureAndRetention1795305603600 } from "./1795305603600-ErasureAndRetention";
import { NotificationPreferences1795305603800 } from "./1795305603800-NotificationPreferences";
import { DirectoryBlock1795305603700 } from "./1795305603700-DirectoryBlock";

/** Every migration, oldest first. A new migration is added here and never edited after it lands. */
export const migrations = [
  Foundation1795305600000,
  CareerTaxonomy1795305600001,
  InterviewRequests1795305600100,
  ConsentTextKindMatch1795305600210,
  RequestLifecycleDetails1795305600400,
  Conversations1795305600500,
  OutboxDelivery1795305600600,
  Matching1795305601000,
  MatchingMonthIndex1795305601100,
  Reports1795305601500,
  ReportSpeed1795305601600,
  ApiKeys1795305602000,
  Webhooks1795305602100,
  SyncFeeds1795305602200,
  MembershipDeactivation1795305602300,
  AnalyzePeopleTables1795305602310,
  ReportChanges1795305602400,
  NeedsActionIndexes1795305602401,
  ReportChangesPerStatement1795305602402,
  PoliciesOnce1795305602500,
  ViewerCheck1795305602510,
  ExpiredByClosedAt1795305602600,
  SearchLower1795305602610,
  TenantKeys1795305602630,
  JobsOnGraphileWorker1795305602700,
  CampusSignIn1795305603000,
  IdempotencyInputHash1795305603100,
  AuditLogAndConsentRecords1795305603200,
  IdentityLocale1795305603300,
  DailyLoop1795305603400,
  ConsentInForceCheck1795305603500,
  ErasureAndRetention1795305603600,
  DirectoryBlock1795305603700,
  NotificationPreferences1795305603800,
  Accommodations1795305603900,
  InAppNotifications1795305604100,
  ThankYouComposer1795305604300,
  AccommodationReportChanges1795305604400,
  AcademicTerms1795305604500,
  AcademicTermsReportChanges1795305604600,
  AutomaticGraduation1795305605000,
  InstitutionDefaultLocale1795305605300,
  AlumnusProfileLinks1795305605400,
  RetentionRequestTexts1795305605500,
  RemindersInApp1795305605600,
];
