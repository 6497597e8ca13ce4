from django.contrib import admin

from pencaker.documents.models import Document, DocumentAccess, DocumentVersion


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ["owner", "kind", "current_version", "updated_at"]
    list_filter = ["kind"]


@admin.register(DocumentVersion)
class DocumentVersionAdmin(ReadOnlyAdmin):
    list_display = ["document", "number", "content_type", "size", "uploaded_by", "uploaded_at"]


@admin.register(DocumentAccess)
class DocumentAccessAdmin(ReadOnlyAdmin):
    list_display = ["at", "staff", "office", "version", "ip"]
    list_filter = ["office"]
