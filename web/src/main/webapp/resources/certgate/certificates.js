/*
 * The certificate pages in the browser: dates in the browser's time zone (the UTC value stays in the title, shown
 * on hover), and, for a role that may not change certificates, the change buttons disabled. The page only follows
 * the roles; the service refuses a change from such a role anyway.
 */
var certgate = window.certgate || {};
window.certgate = certgate;

certgate.localTimes = function () {
    document.querySelectorAll('time.cg-time[datetime]').forEach(function (time) {
        var date = new Date(time.getAttribute('datetime'));
        if (time.dataset.local || isNaN(date.getTime())) {
            return;
        }
        time.textContent = date.toLocaleString(undefined, {
            year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
            timeZoneName: 'short'
        });
        time.dataset.local = 'true';
    });
};

certgate.followRole = function () {
    if (!document.querySelector('.cg-read-only')) {
        return;
    }
    document.querySelectorAll('.cg-change').forEach(function (button) {
        button.disabled = true;
        button.classList.add('ui-state-disabled');
        button.title = 'Your role does not allow changing certificates.';
    });
};

certgate.refresh = function () {
    certgate.localTimes();
    certgate.followRole();
};

if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', certgate.refresh);
} else {
    certgate.refresh();
}
if (window.jQuery) {
    jQuery(document).on('pfAjaxComplete', certgate.refresh);
}
