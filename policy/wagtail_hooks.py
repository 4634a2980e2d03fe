"""What the policy app adds to the admin: its read-only registers (frozen editions, the
consent ledger, the notices of new editions)."""

from wagtail_modeladmin.options import modeladmin_register

from policy.registers import ConsentRecordAdmin, EditionNoticeAdmin, PolicyEditionAdmin

modeladmin_register(PolicyEditionAdmin)
modeladmin_register(ConsentRecordAdmin)
modeladmin_register(EditionNoticeAdmin)
