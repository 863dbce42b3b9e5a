/** The role every app query runs as (NOLOGIN, no BYPASSRLS): tenantTransaction drops to it for each transaction. */
export const APP_ROLE = "infoview_app";
