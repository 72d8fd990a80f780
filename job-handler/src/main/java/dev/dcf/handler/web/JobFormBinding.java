package dev.dcf.handler.web;

import java.beans.PropertyEditorSupport;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

import org.springframework.beans.PropertyAccessException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.propertyeditors.CustomNumberEditor;
import org.springframework.util.ObjectUtils;
import org.springframework.util.StringUtils;
import org.springframework.validation.BindingResult;
import org.springframework.validation.DefaultBindingErrorProcessor;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * How the job form ({@link JobForm}, model attribute {@code job}) is bound, for every
 * page that takes it: whole numbers, decimals (a comma counts as the point) and the start
 * time ({@code <input type="datetime-local">}, read as UTC); blank is {@code null}. What
 * cannot be read is Spring's binding error ({@code typeMismatch}) on its field, worded
 * for the field's type.
 */
@ControllerAdvice
class JobFormBinding {

	/** The format of {@code <input type="datetime-local">}. */
	static final DateTimeFormatter START_AT_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm[:ss]");

	private static final DateTimeFormatter START_AT_SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

	private static final Map<Class<?>, String> MISMATCH = Map.of(Integer.class, "must be a whole number", Long.class,
			"must be a whole number", Double.class, "must be a number, e.g. 0.5", LocalDateTime.class,
			"must be a date and time in UTC, e.g. 2030-01-31T14:00");

	@InitBinder("job")
	void bindJobForm(WebDataBinder binder) {
		// the target is created after the binder (constructor binding): ask its type
		Class<?> type = (binder.getTargetType() != null) ? binder.getTargetType().resolve()
				: (binder.getTarget() != null) ? binder.getTarget().getClass() : null;
		if (type == JobForm.class) {
			configure(binder);
		}
	}

	/**
	 * Sets the job form's editors and error wording on a binder.
	 * @param binder a binder whose target is a {@link JobForm}
	 */
	static void configure(WebDataBinder binder) {
		binder.registerCustomEditor(Integer.class, new CustomNumberEditor(Integer.class, true));
		binder.registerCustomEditor(Long.class, new CustomNumberEditor(Long.class, true));
		binder.registerCustomEditor(Double.class, new DecimalEditor());
		binder.registerCustomEditor(LocalDateTime.class, new StartTimeEditor());
		binder.setBindingErrorProcessor(new WordedErrors());
	}

	/** Spring's binding error, with a message for people instead of the exception's. */
	private static final class WordedErrors extends DefaultBindingErrorProcessor {

		@Override
		public void processPropertyAccessException(PropertyAccessException ex, BindingResult bindingResult) {
			String field = ex.getPropertyName();
			String message = (ex instanceof TypeMismatchException mismatch) ? MISMATCH.get(mismatch.getRequiredType())
					: null;
			if (field == null || message == null) {
				super.processPropertyAccessException(ex, bindingResult);
				return;
			}
			// request parameters come as arrays: the form shows what was typed
			Object typed = ObjectUtils.isArray(ex.getValue())
					? StringUtils.arrayToCommaDelimitedString(ObjectUtils.toObjectArray(ex.getValue())) : ex.getValue();
			FieldError error = new FieldError(bindingResult.getObjectName(), field, typed, true,
					bindingResult.resolveMessageCodes(ex.getErrorCode(), field),
					getArgumentsForBindError(bindingResult.getObjectName(), field), message);
			error.wrap(ex);
			bindingResult.addError(error);
		}

	}

	/** A finite decimal; "1,5" is 1.5; shown without a trailing ".0". */
	private static final class DecimalEditor extends PropertyEditorSupport {

		@Override
		public void setAsText(String text) {
			if (text == null || text.isBlank()) {
				setValue(null);
				return;
			}
			double value = Double.parseDouble(text.strip().replace(',', '.'));
			if (!Double.isFinite(value)) {
				throw new IllegalArgumentException("not a finite number: " + text);
			}
			setValue(value);
		}

		@Override
		public String getAsText() {
			if (!(getValue() instanceof Double number)) {
				return "";
			}
			String text = Double.toString(number);
			return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text.toLowerCase(Locale.ROOT);
		}

	}

	private static final class StartTimeEditor extends PropertyEditorSupport {

		@Override
		public void setAsText(String text) {
			if (text == null || text.isBlank()) {
				setValue(null);
				return;
			}
			try {
				setValue(LocalDateTime.parse(text.strip(), START_AT_FORMAT));
			}
			catch (DateTimeParseException ex) {
				throw new IllegalArgumentException(ex.getMessage(), ex);
			}
		}

		@Override
		public String getAsText() {
			return (getValue() instanceof LocalDateTime time) ? START_AT_SHOWN.format(time) : "";
		}

	}

}
