"""Every queue sort now ends on (due_at, id) (forms.review.admin_views.queue_sort): partial indexes on open cases
with those keys read one page and stop, where a sort over every open case read them all (85 ms city-wide)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('intake', '0020_one_index_on_submit_time'),
        ('services', '0003_variant_collect_with'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='application',
            name='intake_app_open_variant',
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(condition=models.Q(('status__in', ['ready_for_pickup', 'in_delivery', 'sent', 'handed_over', 'archived', 'rejected', 'returned']), _negated=True), fields=['variant_name', 'due_at', 'id'], name='intake_app_open_variant_due'),
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(condition=models.Q(('status__in', ['ready_for_pickup', 'in_delivery', 'sent', 'handed_over', 'archived', 'rejected', 'returned']), _negated=True), fields=['status', 'due_at', 'id'], name='intake_app_open_status_due'),
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(condition=models.Q(('status__in', ['ready_for_pickup', 'in_delivery', 'sent', 'handed_over', 'archived', 'rejected', 'returned']), _negated=True), fields=['applicant_name', 'due_at', 'id'], name='intake_app_open_name_due'),
        ),
    ]
