"""Teacher accounts: log in, log out, register, change password."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from quizapp.db import get_session
from quizapp.forms import EmptyForm
from quizapp.services import accounts
from quizapp.teacher_forms import LoginForm, PasswordChangeForm, RegisterForm
from quizapp.views.page import Page
from quizapp.views.teacher.common import (
    current_teacher,
    end_every_session,
    log_in,
    log_out,
    login_required,
    safe_next,
    teacher,
)

bp = Blueprint("auth", __name__, url_prefix="/teacher")

LOGIN_FAILED = "That email and password do not match an account. Check both and try again."



@bp.route("/login", methods=["GET", "POST"])
def login() -> Page:
    """Show the login form; a valid login starts a fresh session."""
    form = LoginForm()
    next_url = safe_next(request.args.get("next"))
    if form.validate_on_submit():
        found = accounts.authenticate(get_session(), form.email.data, form.password.data)
        if found is not None:
            log_in(found)
            return redirect(next_url or url_for("teacher_home.home"))
        form.password.errors = [LOGIN_FAILED]
        return render_template("auth/login.html", form=form, next_url=next_url), 400
    if form.is_submitted():
        return render_template("auth/login.html", form=form, next_url=next_url), 400
    if current_teacher() is not None:
        return redirect(next_url or url_for("teacher_home.home"))
    return render_template("auth/login.html", form=form, next_url=next_url)


@bp.post("/logout")
def logout() -> Page:
    """End the session (a POST with a token, so no link can log a teacher out)."""
    form = EmptyForm()
    if not form.validate_on_submit():
        return redirect(url_for("teacher_home.home"))
    log_out()
    flash("You are logged out.")
    return redirect(url_for("auth.login"))


@bp.route("/register", methods=["GET", "POST"])
def register() -> Page:
    """Create an account and log it in."""
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            created = accounts.register(get_session(), form.email.data, form.password.data)
        except accounts.AccountError as error:
            getattr(form, error.field).errors = [str(error)]
        else:
            log_in(created)
            flash("Your account is ready. Start by uploading an article.")
            return redirect(url_for("teacher_home.home"))
        return render_template("auth/register.html", form=form), 400
    status = 400 if form.is_submitted() else 200
    return render_template("auth/register.html", form=form), status


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account() -> Page:
    """Change the password; other sessions of this account end."""
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(get_session(), teacher(), form.current_password.data,
                                     form.new_password.data)
        except accounts.AccountError as error:
            getattr(form, error.field).errors = [str(error)]
        else:
            changed = teacher()
            end_every_session(changed)
            log_in(changed)  # keep this session alone, under the new version
            flash("Your password is changed.")
            return redirect(url_for("auth.account"))
        return render_template("auth/account.html", form=form), 400
    status = 400 if form.is_submitted() else 200
    return render_template("auth/account.html", form=form), status


@bp.app_context_processor
def teacher_context() -> dict[str, object]:
    """Let every template ask who is logged in (the header shows the workspace menu)."""
    return {"current_teacher": current_teacher, "min_length": accounts.MIN_PASSWORD_LENGTH}
