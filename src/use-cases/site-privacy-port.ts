/**
 * A site's choice about colleagues' names: whether people may see who else is in ("who is in" with names). Unset,
 * the deployment's default applies (SEATWISE_SHOW_NAMES, off unless configured): names stay hidden by default.
 */
export interface SitePrivacyStore {
  /** The site's choice, or undefined when it has made none. */
  colleaguesSeeNames(siteId: string): Promise<boolean | undefined>;
  setColleaguesSeeNames(siteId: string, value: boolean): Promise<void>;
}
