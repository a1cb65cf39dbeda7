namespace CustomerPortal.Core.Common;

public enum ResultKind
{
    Success,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

/// <summary>The outcome of a business operation: success, or a kind of refusal with a message a person can read.</summary>
public class Result
{
    protected Result(ResultKind kind, string message, IReadOnlyDictionary<string, string>? errors = null)
    {
        Kind = kind;
        Message = message;
        Errors = errors ?? new Dictionary<string, string>();
    }

    public ResultKind Kind { get; }
    public string Message { get; }

    /// <summary>Field name to message, for forms that show errors beside their inputs.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; }

    public bool Succeeded => Kind == ResultKind.Success;

    public static Result Success(string message = "") => new(ResultKind.Success, message);
    public static Result NotFound(string message = "That record was not found.") => new(ResultKind.NotFound, message);
    public static Result Forbidden(string message = "You are not allowed to do that.") => new(ResultKind.Forbidden, message);
    public static Result Conflict(string message) => new(ResultKind.Conflict, message);

    public static Result Invalid(string message, IReadOnlyDictionary<string, string>? errors = null) =>
        new(ResultKind.Invalid, message, errors);

    public static Result Invalid(string field, string message) =>
        new(ResultKind.Invalid, message, new Dictionary<string, string> { [field] = message });
}

public sealed class Result<T> : Result
{
    private Result(T value) : base(ResultKind.Success, "") => Value = value;

    private Result(Result failure) : base(failure.Kind, failure.Message, failure.Errors) { }

    public T? Value { get; }

    public static Result<T> Ok(T value) => new(value);

    public static Result<T> From(Result failure)
    {
        if (failure.Succeeded) throw new ArgumentException("Use Ok for a success.", nameof(failure));
        return new(failure);
    }

    public static implicit operator Result<T>(T value) => Ok(value);
}
