namespace Jiuzhu.Kernel;

/// <summary>A failure a user can cause: a stable code for machines and a Chinese message for people.</summary>
public sealed record Error(string Code, string Message, int Status = 400)
{
    public static Error NotFound(string code, string message) => new(code, message, 404);

    public static Error Forbidden(string code, string message) => new(code, message, 403);

    public static Error Conflict(string code, string message) => new(code, message, 409);

    public static Error Validation(string code, string message) => new(code, message, 400);
}

/// <summary>The outcome of a use case: a value, or an <see cref="Error"/>.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, Error? error)
    {
        _value = value;
        Error = error;
    }

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public T Value => Error is null ? _value! : throw new InvalidOperationException($"Result failed: {Error.Code}");

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Ok(value);

    public static implicit operator Result<T>(Error error) => Fail(error);
}

/// <summary>The outcome of a use case without a value.</summary>
public readonly struct Result
{
    private Result(Error? error) => Error = error;

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public static Result Ok() => new(null);

    public static Result Fail(Error error) => new(error);

    public static implicit operator Result(Error error) => Fail(error);
}
